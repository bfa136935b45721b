#pragma once

#include <string_view>

namespace tfchain::node {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// Process-wide minimum level (default kInfo). Thread-safe.
void SetLogLevel(LogLevel level);
// Parses "debug", "info", "warn", "error"; false for anything else.
bool ParseLogLevel(std::string_view name, LogLevel* out);

// Writes "2026-11-21T10:00:00.123Z INFO  message" to stderr as one line.
// Thread-safe.
void Log(LogLevel level, std::string_view message);

inline void LogDebug(std::string_view m) { Log(LogLevel::kDebug, m); }
inline void LogInfo(std::string_view m) { Log(LogLevel::kInfo, m); }
inline void LogWarn(std::string_view m) { Log(LogLevel::kWarn, m); }
inline void LogError(std::string_view m) { Log(LogLevel::kError, m); }

}  // namespace tfchain::node
