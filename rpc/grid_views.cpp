#include "rpc/grid_views.h"

#include <array>
#include <utility>

namespace tfchain::rpc {
namespace {

template <typename E, size_t N>
std::optional<E> ByName(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view name) {
  for (const auto& [value, text] : names) {
    if (text == name) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
  for (const auto& [v, text] : names) {
    if (v == value) return text;
  }
  return "unknown";
}

constexpr std::array<std::pair<NodeStatus, std::string_view>, 3> kStatusNames = {
    {{NodeStatus::kUp, "up"}, {NodeStatus::kStandby, "standby"}, {NodeStatus::kDown, "down"}}};

constexpr std::array<std::pair<NodeSort, std::string_view>, 5> kSortNames = {{{NodeSort::kNodeId, "node_id"},
                                                                              {NodeSort::kFreeCru, "free_cru"},
                                                                              {NodeSort::kFreeMru, "free_mru"},
                                                                              {NodeSort::kFreeSru, "free_sru"},
                                                                              {NodeSort::kFreeHru, "free_hru"}}};

constexpr std::array<std::pair<ProposalStatus, std::string_view>, 3> kProposalStatusNames = {
    {{ProposalStatus::kOpen, "open"}, {ProposalStatus::kEnacted, "enacted"}, {ProposalStatus::kRejected, "rejected"}}};

}  // namespace

std::string_view NodeStatusName(NodeStatus status) { return NameOf(kStatusNames, status); }
std::optional<NodeStatus> ParseNodeStatus(std::string_view name) { return ByName(kStatusNames, name); }

std::string_view NodeSortName(NodeSort sort) { return NameOf(kSortNames, sort); }
std::optional<NodeSort> ParseNodeSort(std::string_view name) { return ByName(kSortNames, name); }

std::string_view ProposalStatusName(ProposalStatus status) { return NameOf(kProposalStatusNames, status); }
std::optional<ProposalStatus> ParseProposalStatus(std::string_view name) { return ByName(kProposalStatusNames, name); }

}  // namespace tfchain::rpc
