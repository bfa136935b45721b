#include "chain/grid_json.h"

#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "chain/json.h"

namespace tfchain::chain {

using nlohmann::json;

namespace {

constexpr int64_t kMicro = 1'000'000;
// Whole degrees whose micro-degrees fit int32 (|value| <= 2147).
constexpr int64_t kMaxWholeDegrees = 2147;

// Reads the members of one JSON object for a FromJson. The first failure is kept (as
// "<reason>: <member>: <what>") and later reads return defaults, so that a parser
// reads every field and checks status() once at the end.
class ObjectReader {
 public:
  ObjectReader(const json& value, std::string reason, std::initializer_list<std::string_view> members)
      : value_(value), reason_(std::move(reason)) {
    if (!value.is_object()) {
      Fail("", "expected an object, got " + std::string(value.type_name()));
      return;
    }
    for (const auto& [key, _] : value.items()) {
      bool known = false;
      for (std::string_view m : members) known |= key == m;
      if (!known) {
        Fail(key, "unknown member");
        return;
      }
    }
    for (std::string_view m : members) {
      if (!value.contains(m)) {
        Fail(m, "missing");
        return;
      }
    }
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  void Fail(std::string_view member, std::string what) {
    if (!status_.ok()) return;
    status_ = Status::InvalidArgument(reason_, member.empty() ? what : std::string(member) + ": " + what);
  }

  // The member, or null after a failure.
  const json& At(std::string_view key) {
    static const json kNull;
    return ok() ? value_.at(key) : kNull;
  }

  // A JSON integer or a decimal string.
  uint64_t U64(std::string_view key) {
    if (!ok()) return 0;
    auto v = AmountFromJson(value_.at(key));
    if (!v.ok()) {
      Fail(key, "must be a non-negative integer or a decimal string");
      return 0;
    }
    return *v;
  }

  // A JSON integer in [0, max].
  uint64_t Int(std::string_view key, uint64_t max) {
    if (!ok()) return 0;
    const json& v = value_.at(key);
    if (!v.is_number_integer() || (!v.is_number_unsigned() && v.get<int64_t>() < 0) || v.get<uint64_t>() > max) {
      Fail(key, "must be an integer in [0, " + std::to_string(max) + "]");
      return 0;
    }
    return v.get<uint64_t>();
  }
  uint32_t U32(std::string_view key) { return static_cast<uint32_t>(Int(key, std::numeric_limits<uint32_t>::max())); }

  bool Bool(std::string_view key) {
    if (!ok()) return false;
    const json& v = value_.at(key);
    if (!v.is_boolean()) {
      Fail(key, "must be true or false");
      return false;
    }
    return v.get<bool>();
  }

  std::string String(std::string_view key) {
    if (!ok()) return {};
    const json& v = value_.at(key);
    if (!v.is_string()) {
      Fail(key, "must be a string");
      return {};
    }
    return v.get<std::string>();
  }

  AccountId Account(std::string_view key) {
    if (!ok()) return {};
    auto account = AccountFromJson(value_.at(key));
    if (!account.ok()) {
      Fail(key, account.status().ToString());
      return {};
    }
    return *account;
  }

  // An enum by name, through one of the Parse* functions of grid_types.h.
  template <typename Enum>
  Enum Name(std::string_view key, std::optional<Enum> (*parse)(std::string_view), std::string_view names) {
    const std::string text = String(key);
    if (!ok()) return Enum{};
    auto v = parse(text);
    if (!v) {
      Fail(key, "must be one of " + std::string(names));
      return Enum{};
    }
    return *v;
  }

  // A nested value read by its own FromJson.
  template <typename T>
  T Nested(std::string_view key, Result<T> (*from_json)(const json&)) {
    if (!ok()) return T{};
    auto v = from_json(value_.at(key));
    if (!v.ok()) {
      Fail(key, v.status().ToString());
      return T{};
    }
    return *std::move(v);
  }

  // As Nested, or nullopt for null.
  template <typename T>
  std::optional<T> Optional(std::string_view key, Result<T> (*from_json)(const json&)) {
    if (!ok() || value_.at(key).is_null()) return std::nullopt;
    return Nested(key, from_json);
  }

 private:
  const json& value_;
  std::string reason_;
  Status status_;
};

Result<std::string> StringFromJson(const json& value) {
  if (!value.is_string()) return Status::InvalidArgument("bad-string", "must be a string");
  return value.get<std::string>();
}

// "-4.402500" -> -4402500. 1..3 integer digits, exactly 6 decimals, optional '-'.
std::optional<int64_t> ParseMicroDegrees(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text[0] == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos || dot < 1 || dot > 3 || text.size() - dot - 1 != 6) return std::nullopt;
  int64_t out = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == dot) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    out = out * 10 + (text[i] - '0');
  }
  return negative ? -out : out;
}

int32_t ReadDegrees(ObjectReader& r, std::string_view key) {
  const json& v = r.At(key);
  if (!r.ok()) return 0;
  std::optional<int64_t> micro;
  if (v.is_number_unsigned()) {
    if (v.get<uint64_t>() <= static_cast<uint64_t>(kMaxWholeDegrees))
      micro = static_cast<int64_t>(v.get<uint64_t>()) * kMicro;
  } else if (v.is_number_integer()) {
    const int64_t degrees = v.get<int64_t>();
    if (degrees >= -kMaxWholeDegrees && degrees <= kMaxWholeDegrees) micro = degrees * kMicro;
  } else if (v.is_string()) {
    micro = ParseMicroDegrees(v.get_ref<const std::string&>());
  }
  if (!micro || *micro < std::numeric_limits<int32_t>::min() || *micro > std::numeric_limits<int32_t>::max()) {
    r.Fail(key, "must be degrees as a string with 6 decimals (\"51.219400\") or an integer");
    return 0;
  }
  return static_cast<int32_t>(*micro);
}

template <typename T>
Result<T> Done(const ObjectReader& r, T value) {
  if (!r.ok()) return r.status();
  return value;
}

}  // namespace

std::string MicroDegreesToString(int32_t micro) {
  const int64_t v = micro;
  const uint64_t magnitude = static_cast<uint64_t>(v < 0 ? -v : v);
  std::string fraction = std::to_string(magnitude % kMicro);
  fraction.insert(0, 6 - fraction.size(), '0');
  return (v < 0 ? "-" : "") + std::to_string(magnitude / kMicro) + "." + fraction;
}

json ToJson(const Resources& v) { return {{"cru", v.cru}, {"mru", v.mru}, {"sru", v.sru}, {"hru", v.hru}}; }
Result<Resources> ResourcesFromJson(const json& value) {
  ObjectReader r(value, "bad-resources", {"cru", "mru", "sru", "hru"});
  Resources out;
  out.cru = r.U64("cru");
  out.mru = r.U64("mru");
  out.sru = r.U64("sru");
  out.hru = r.U64("hru");
  return Done(r, out);
}

json ToJson(const Location& v) {
  return {{"city", v.city},
          {"country", v.country},
          {"latitude", MicroDegreesToString(v.latitude_micro)},
          {"longitude", MicroDegreesToString(v.longitude_micro)}};
}
Result<Location> LocationFromJson(const json& value) {
  ObjectReader r(value, "bad-location", {"city", "country", "latitude", "longitude"});
  Location out;
  out.city = r.String("city");
  out.country = r.String("country");
  out.latitude_micro = ReadDegrees(r, "latitude");
  out.longitude_micro = ReadDegrees(r, "longitude");
  return Done(r, std::move(out));
}

json ToJson(const NodeInterface& v) { return {{"name", v.name}, {"mac", v.mac}, {"ips", v.ips}}; }
Result<NodeInterface> NodeInterfaceFromJson(const json& value) {
  ObjectReader r(value, "bad-node-interface", {"name", "mac", "ips"});
  NodeInterface out;
  out.name = r.String("name");
  out.mac = r.String("mac");
  const json& ips = r.At("ips");
  if (r.ok() && !ips.is_array()) r.Fail("ips", "must be an array of strings");
  for (size_t i = 0; r.ok() && i < ips.size(); ++i) {
    if (!ips[i].is_string()) r.Fail("ips", "must be an array of strings");
    if (r.ok()) out.ips.push_back(ips[i].get<std::string>());
  }
  return Done(r, std::move(out));
}

json ToJson(const IpConfig& v) { return {{"ip", v.ip}, {"gw", v.gw}}; }
Result<IpConfig> IpConfigFromJson(const json& value) {
  ObjectReader r(value, "bad-ip-config", {"ip", "gw"});
  IpConfig out;
  out.ip = r.String("ip");
  out.gw = r.String("gw");
  return Done(r, std::move(out));
}

json ToJson(const PublicConfig& v) {
  return {{"ip4", ToJson(v.ip4)},
          {"ip6", v.ip6 ? ToJson(*v.ip6) : json(nullptr)},
          {"domain", v.domain ? json(*v.domain) : json(nullptr)}};
}
Result<PublicConfig> PublicConfigFromJson(const json& value) {
  ObjectReader r(value, "bad-public-config", {"ip4", "ip6", "domain"});
  PublicConfig out;
  out.ip4 = r.Nested("ip4", &IpConfigFromJson);
  out.ip6 = r.Optional("ip6", &IpConfigFromJson);
  out.domain = r.Optional("domain", &StringFromJson);
  return Done(r, std::move(out));
}

json ToJson(const PricingPolicy& v) {
  return {{"id", v.id},
          {"name", v.name},
          {"su", v.su},
          {"cu", v.cu},
          {"nu", v.nu},
          {"ipu", v.ipu},
          {"unique_name", v.unique_name},
          {"domain_name", v.domain_name},
          {"foundation_account", AccountToJson(v.foundation_account)},
          {"certified_sales_account", AccountToJson(v.certified_sales_account)},
          {"dedicated_discount_percent", v.dedicated_discount_percent}};
}
Result<PricingPolicy> PricingPolicyFromJson(const json& value) {
  ObjectReader r(value, "bad-pricing-policy",
                 {"id", "name", "su", "cu", "nu", "ipu", "unique_name", "domain_name", "foundation_account",
                  "certified_sales_account", "dedicated_discount_percent"});
  PricingPolicy out;
  out.id = r.U32("id");
  out.name = r.String("name");
  out.su = r.U64("su");
  out.cu = r.U64("cu");
  out.nu = r.U64("nu");
  out.ipu = r.U64("ipu");
  out.unique_name = r.U64("unique_name");
  out.domain_name = r.U64("domain_name");
  out.foundation_account = r.Account("foundation_account");
  out.certified_sales_account = r.Account("certified_sales_account");
  out.dedicated_discount_percent = static_cast<uint8_t>(r.Int("dedicated_discount_percent", 255));
  return Done(r, std::move(out));
}

json ToJson(const FarmingPolicy& v) {
  return {{"id", v.id},
          {"name", v.name},
          {"cu", v.cu},
          {"su", v.su},
          {"nu", v.nu},
          {"ipv4", v.ipv4},
          {"minimal_uptime_permill", v.minimal_uptime_permill},
          {"node_certification", std::string(NodeCertificationName(v.node_certification))},
          {"farm_certification", std::string(FarmCertificationName(v.farm_certification))},
          {"is_default", v.is_default},
          {"immutable", v.immutable}};
}
Result<FarmingPolicy> FarmingPolicyFromJson(const json& value) {
  ObjectReader r(value, "bad-farming-policy",
                 {"id", "name", "cu", "su", "nu", "ipv4", "minimal_uptime_permill", "node_certification",
                  "farm_certification", "is_default", "immutable"});
  FarmingPolicy out;
  out.id = r.U32("id");
  out.name = r.String("name");
  out.cu = r.U64("cu");
  out.su = r.U64("su");
  out.nu = r.U64("nu");
  out.ipv4 = r.U64("ipv4");
  out.minimal_uptime_permill = r.U32("minimal_uptime_permill");
  out.node_certification = r.Name("node_certification", &ParseNodeCertification, "\"diy\", \"certified\"");
  out.farm_certification = r.Name("farm_certification", &ParseFarmCertification, "\"not-certified\", \"gold\"");
  out.is_default = r.Bool("is_default");
  out.immutable = r.Bool("immutable");
  return Done(r, std::move(out));
}

json ToJson(const GridParams& v) {
  return {{"uptime_interval_ms", v.uptime_interval_ms},
          {"farming_period_ms", v.farming_period_ms},
          {"standby_window_ms", v.standby_window_ms},
          {"tft_price_musd", v.tft_price_musd},
          {"max_payouts_per_block", v.max_payouts_per_block}};
}
Result<GridParams> GridParamsFromJson(const json& value) {
  ObjectReader r(
      value, "bad-grid-params",
      {"uptime_interval_ms", "farming_period_ms", "standby_window_ms", "tft_price_musd", "max_payouts_per_block"});
  GridParams out;
  out.uptime_interval_ms = r.U64("uptime_interval_ms");
  out.farming_period_ms = r.U64("farming_period_ms");
  out.standby_window_ms = r.U64("standby_window_ms");
  out.tft_price_musd = r.U64("tft_price_musd");
  out.max_payouts_per_block = r.U64("max_payouts_per_block");
  return Done(r, out);
}

json ToJson(const GovernanceParams& v) {
  return {{"voting_period_blocks", v.voting_period_blocks},
          {"quorum_permill", v.quorum_permill},
          {"threshold_permill", v.threshold_permill},
          {"max_open_proposals", v.max_open_proposals}};
}
Result<GovernanceParams> GovernanceParamsFromJson(const json& value) {
  ObjectReader r(value, "bad-governance-params",
                 {"voting_period_blocks", "quorum_permill", "threshold_permill", "max_open_proposals"});
  GovernanceParams out;
  out.voting_period_blocks = r.U64("voting_period_blocks");
  out.quorum_permill = r.U32("quorum_permill");
  out.threshold_permill = r.U32("threshold_permill");
  out.max_open_proposals = r.U32("max_open_proposals");
  return Done(r, out);
}

json ToJson(const GovAction& v) {
  json out = std::visit(
      [](const auto& a) -> json {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, SetTftPriceAction>) {
          return {{"tft_price_musd", a.tft_price_musd}};
        } else if constexpr (std::is_same_v<T, SetPricingPolicyAction> || std::is_same_v<T, SetFarmingPolicyAction>) {
          return {{"policy", ToJson(a.policy)}};
        } else if constexpr (std::is_same_v<T, SetCertifierAction>) {
          return {{"account", AccountToJson(a.account)}, {"member", a.member}};
        } else if constexpr (std::is_same_v<T, ApproveSolutionProviderAction>) {
          return {{"provider_id", a.provider_id}, {"approved", a.approved}};
        } else {
          static_assert(std::is_same_v<T, SetGridParamsAction> || std::is_same_v<T, SetGovernanceParamsAction>,
                        "every governance action needs a JSON view");
          return {{"params", ToJson(a.params)}};
        }
      },
      v);
  out["kind"] = std::string(GovActionName(v));
  return out;
}

Result<GovAction> GovActionFromJson(const json& value) {
  const std::string_view reason = "bad-gov-action";
  if (!value.is_object() || !value.contains("kind") || !value.at("kind").is_string()) {
    return Status::InvalidArgument(std::string(reason), "expected an object with a string member \"kind\"");
  }
  const std::string kind = value.at("kind").get<std::string>();
  if (kind == SetTftPriceAction::kName) {
    ObjectReader r(value, std::string(reason), {"kind", "tft_price_musd"});
    SetTftPriceAction a;
    a.tft_price_musd = r.U64("tft_price_musd");
    return Done<GovAction>(r, a);
  }
  if (kind == SetPricingPolicyAction::kName) {
    ObjectReader r(value, std::string(reason), {"kind", "policy"});
    SetPricingPolicyAction a;
    a.policy = r.Nested("policy", &PricingPolicyFromJson);
    return Done<GovAction>(r, std::move(a));
  }
  if (kind == SetFarmingPolicyAction::kName) {
    ObjectReader r(value, std::string(reason), {"kind", "policy"});
    SetFarmingPolicyAction a;
    a.policy = r.Nested("policy", &FarmingPolicyFromJson);
    return Done<GovAction>(r, std::move(a));
  }
  if (kind == SetCertifierAction::kName) {
    ObjectReader r(value, std::string(reason), {"kind", "account", "member"});
    SetCertifierAction a;
    a.account = r.Account("account");
    a.member = r.Bool("member");
    return Done<GovAction>(r, a);
  }
  if (kind == SetGridParamsAction::kName) {
    ObjectReader r(value, std::string(reason), {"kind", "params"});
    SetGridParamsAction a;
    a.params = r.Nested("params", &GridParamsFromJson);
    return Done<GovAction>(r, a);
  }
  if (kind == SetGovernanceParamsAction::kName) {
    ObjectReader r(value, std::string(reason), {"kind", "params"});
    SetGovernanceParamsAction a;
    a.params = r.Nested("params", &GovernanceParamsFromJson);
    return Done<GovAction>(r, a);
  }
  if (kind == ApproveSolutionProviderAction::kName) {
    ObjectReader r(value, std::string(reason), {"kind", "provider_id", "approved"});
    ApproveSolutionProviderAction a;
    a.provider_id = r.U32("provider_id");
    a.approved = r.Bool("approved");
    return Done<GovAction>(r, a);
  }
  return Status::InvalidArgument(std::string(reason), "kind: unknown action \"" + kind + "\"");
}

json ToJson(const FarmingReceipt& v) {
  return {{"period", v.period},
          {"node_id", v.node_id},
          {"farm_id", v.farm_id},
          {"account", AccountToJson(v.account)},
          {"policy_id", v.policy_id},
          {"cu_rate", v.cu_rate},
          {"su_rate", v.su_rate},
          {"ipv4_rate", v.ipv4_rate},
          {"minimal_uptime_permill", v.minimal_uptime_permill},
          {"period_ms", v.period_ms},
          {"uptime_ms", v.uptime_ms},
          {"cu_micro", v.cu_micro},
          {"su_micro", v.su_micro},
          {"ip_ms", v.ip_ms},
          {"connection_price_musd", v.connection_price_musd},
          {"reward_nusd", AmountToJson(v.reward_nusd)},
          {"amount", AmountToJson(v.amount)},
          {"virtualized", v.virtualized}};
}
Result<FarmingReceipt> FarmingReceiptFromJson(const json& value) {
  ObjectReader r(value, "bad-farming-receipt",
                 {"period", "node_id", "farm_id", "account", "policy_id", "cu_rate", "su_rate", "ipv4_rate",
                  "minimal_uptime_permill", "period_ms", "uptime_ms", "cu_micro", "su_micro", "ip_ms",
                  "connection_price_musd", "reward_nusd", "amount", "virtualized"});
  FarmingReceipt out;
  out.period = r.U64("period");
  out.node_id = r.U32("node_id");
  out.farm_id = r.U32("farm_id");
  out.account = r.Account("account");
  out.policy_id = r.U32("policy_id");
  out.cu_rate = r.U64("cu_rate");
  out.su_rate = r.U64("su_rate");
  out.ipv4_rate = r.U64("ipv4_rate");
  out.minimal_uptime_permill = r.U32("minimal_uptime_permill");
  out.period_ms = r.U64("period_ms");
  out.uptime_ms = r.U64("uptime_ms");
  out.cu_micro = r.U64("cu_micro");
  out.su_micro = r.U64("su_micro");
  out.ip_ms = r.U64("ip_ms");
  out.connection_price_musd = r.U64("connection_price_musd");
  out.reward_nusd = r.U64("reward_nusd");
  out.amount = r.U64("amount");
  out.virtualized = r.Bool("virtualized");
  return Done(r, out);
}

}  // namespace tfchain::chain
