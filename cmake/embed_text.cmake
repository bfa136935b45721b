# Writes a C++ file that defines `const std::string_view NAMESPACE::SYMBOL` holding
# the text of IN (used to compile data such as the devnet genesis into binaries).
file(READ ${IN} TEXT)
string(FIND "${TEXT}" ")tfembed\"" CLASH)
if(NOT CLASH EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter")
endif()
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\n#include <string_view>\n\nnamespace ${NAMESPACE} {\nextern const std::string_view ${SYMBOL};\nconst std::string_view ${SYMBOL} = R\"tfembed(${TEXT})tfembed\";\n}  // namespace ${NAMESPACE}\n")
