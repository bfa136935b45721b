// chain_*: the head, blocks and headers by height or hash.
#include <nlohmann/json.hpp>

#include "chain/json.h"
#include "rpc/json_schema.h"
#include "rpc/methods.h"

namespace tfchain::rpc {

using nlohmann::json;

namespace {

ParamSpec BlockParam() {
  return ParamSpec{.name = "block",
                   .type = ParamType::kBlockRef,
                   .required = false,
                   .description = "block height (integer) or 0x-hex block hash; null or missing: the head"};
}

// The header with its block hash.
json HeaderWithHashSchema() {
  json schema = HeaderSchema();
  schema["properties"]["hash"] = HashSchema();
  schema["required"].push_back("hash");
  return schema;
}

}  // namespace

std::vector<MethodSpec> ChainMethods(NodeApi& node) {
  std::vector<MethodSpec> out;

  out.push_back(MethodSpec{
      .name = "chain_getHead",
      .summary = "Height, hash and time of the last committed block.",
      .result = {"head",
                 Share(ObjectSchema({{"height", UintSchema()}, {"hash", HashSchema()}, {"time_ms", UintSchema()}}))},
      .handler = [&node](const Params&, json* result) -> RpcStatus {
        const HeadInfo head = node.GetHead();
        *result = {{"height", head.height}, {"hash", head.hash.Hex()}, {"time_ms", head.time_ms}};
        return RpcStatus::Ok();
      }});

  out.push_back(MethodSpec{.name = "chain_getHeader",
                           .summary = "A block header, with the block hash.",
                           .params = {BlockParam()},
                           .result = {"header", Share(HeaderWithHashSchema())},
                           .handler = [&node](const Params& params, json* result) -> RpcStatus {
                             auto view = FetchBlock(node, params.Find<BlockRef>("block"));
                             if (!view.ok()) return view.status();
                             *result = chain::ToJson(view->block.header);
                             (*result)["hash"] = view->hash.Hex();
                             return RpcStatus::Ok();
                           }});

  out.push_back(
      MethodSpec{.name = "chain_getBlock",
                 .summary = "A whole block: header, decoded transactions, the commit it carries and evidence.",
                 .params = {BlockParam()},
                 .result = {"block", Share(BlockSchema())},
                 .handler = [&node](const Params& params, json* result) -> RpcStatus {
                   auto view = FetchBlock(node, params.Find<BlockRef>("block"));
                   if (!view.ok()) return view.status();
                   *result = chain::ToJson(view->block);
                   return RpcStatus::Ok();
                 }});

  out.push_back(MethodSpec{.name = "chain_getBlockHash",
                           .summary = "The hash of the block at a height.",
                           .params = {{.name = "height",
                                       .type = ParamType::kUint,
                                       .required = false,
                                       .description = "block height; null or missing: the head"}},
                           .result = {"hash", Share(HashSchema())},
                           .handler = [&node](const Params& params, json* result) -> RpcStatus {
                             const uint64_t* height = params.Find<uint64_t>("height");
                             if (height == nullptr) {
                               *result = node.GetHead().hash.Hex();
                               return RpcStatus::Ok();
                             }
                             auto view = node.GetBlockByHeight(*height);
                             if (!view.ok()) return view.status();
                             *result = view->hash.Hex();
                             return RpcStatus::Ok();
                           }});

  out.push_back(MethodSpec{.name = "chain_getCommit",
                           .summary = "The precommit signatures that committed the block at a height.",
                           .params = {{.name = "height",
                                       .type = ParamType::kUint,
                                       .required = false,
                                       .description = "block height; null or missing: the head"}},
                           .result = {"commit", Share(CommitSchema())},
                           .handler = [&node](const Params& params, json* result) -> RpcStatus {
                             const uint64_t* height = params.Find<uint64_t>("height");
                             auto commit = node.GetCommit(height ? *height : node.GetHead().height);
                             if (!commit.ok()) return commit.status();
                             *result = chain::ToJson(*commit);
                             return RpcStatus::Ok();
                           }});

  return out;
}

}  // namespace tfchain::rpc
