// analysis/case_cover.h — a readable description of a set of a domain's cases: a short
// disjunction of conjunctions of facts that holds on exactly the cases of the set.
#pragma once

#include <vector>

#include "analysis/request_domain.h"
#include "rolec/analysis.hpp"

namespace rolec::analysis {

// `in[p]` says whether point p is in the set. Each term is a cube (one subset of values per
// dimension) grown greedily from an uncovered case of the set as long as it holds no case outside
// the set; terms another term makes redundant are dropped. Exact: the terms hold on the set's
// cases and on no other case of the domain (not necessarily the shortest such description).
CaseSet DescribeCases(const RequestDomain& domain, const std::vector<bool>& in);

}  // namespace rolec::analysis
