// analysis/case_cover.cc — greedy cube cover of a set of cases, and its rendering.
#include "analysis/case_cover.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fmt/format.h"

namespace rolec::analysis {
namespace {

using Cube = std::vector<uint32_t>;  // per dimension: the bit set of values it admits

bool Holds(const RequestDomain& domain, const Cube& cube, size_t point) {
  for (size_t dim = 0; dim < cube.size(); ++dim) {
    if ((cube[dim] & (uint32_t{1} << domain.Value(point, dim))) == 0) return false;
  }
  return true;
}

bool HoldsNone(const RequestDomain& domain, const Cube& cube, const std::vector<size_t>& outside) {
  for (size_t point : outside) {
    if (Holds(domain, cube, point)) return false;
  }
  return true;
}

std::string Literal(const Dimension& dim, uint32_t mask) {
  for (const auto& [subset, name] : dim.named_subsets) {
    if (subset == mask) return name;
  }
  std::vector<size_t> values;
  for (size_t v = 0; v < dim.labels.size(); ++v) {
    if ((mask >> v) & 1) values.push_back(v);
  }
  switch (dim.style) {
    case Dimension::Style::kBool:
      return dim.labels[values[0]];
    case Dimension::Style::kKind: {
      std::string kinds;
      size_t count = 0;
      for (size_t v : values) {
        kinds += (kinds.empty() ? "" : ", ") + dim.labels[v];
        count += 1 + static_cast<size_t>(std::count(dim.labels[v].begin(), dim.labels[v].end(), ','));
      }
      return count == 1 ? fmt::format("target.kind == {}", kinds)
                        : fmt::format("target.kind in [{}]", kinds);
    }
    case Dimension::Style::kChoice:
      break;
  }
  std::string text;
  for (size_t v : values) text += (text.empty() ? "" : " or ") + dim.labels[v];
  return values.size() == 1 ? text : "(" + text + ")";
}

}  // namespace

CaseSet DescribeCases(const RequestDomain& domain, const std::vector<bool>& in) {
  const std::vector<Dimension>& dims = domain.dimensions();
  CaseSet result;
  result.of = static_cast<uint32_t>(domain.points());
  std::vector<size_t> inside, outside;
  for (size_t p = 0; p < domain.points(); ++p) (in[p] ? inside : outside).push_back(p);
  result.count = static_cast<uint32_t>(inside.size());
  if (inside.empty()) return result;

  Cube full(dims.size());
  for (size_t d = 0; d < dims.size(); ++d) {
    full[d] = static_cast<uint32_t>((uint64_t{1} << dims[d].labels.size()) - 1);
  }
  std::vector<Cube> cubes;
  std::vector<bool> covered(domain.points(), false);
  for (size_t seed : inside) {
    if (covered[seed]) continue;
    Cube cube(dims.size());
    for (size_t d = 0; d < dims.size(); ++d) cube[d] = uint32_t{1} << domain.Value(seed, d);
    for (size_t d = 0; d < dims.size(); ++d) {
      const uint32_t single = cube[d];
      cube[d] = full[d];
      if (HoldsNone(domain, cube, outside)) continue;
      cube[d] = single;
      for (size_t v = 0; v < dims[d].labels.size(); ++v) {
        const uint32_t bit = uint32_t{1} << v;
        if (cube[d] & bit) continue;
        cube[d] |= bit;
        if (!HoldsNone(domain, cube, outside)) cube[d] &= ~bit;
      }
    }
    for (size_t p : inside) {
      if (Holds(domain, cube, p)) covered[p] = true;
    }
    cubes.push_back(std::move(cube));
  }
  // Drop a cube whose cases the others all hold.
  for (size_t c = cubes.size(); c-- > 0;) {
    bool redundant = true;
    for (size_t p : inside) {
      if (!Holds(domain, cubes[c], p)) continue;
      bool elsewhere = false;
      for (size_t o = 0; o < cubes.size() && !elsewhere; ++o) {
        elsewhere = o != c && Holds(domain, cubes[o], p);
      }
      if (!elsewhere) {
        redundant = false;
        break;
      }
    }
    if (redundant && cubes.size() > 1) cubes.erase(cubes.begin() + static_cast<std::ptrdiff_t>(c));
  }
  for (const Cube& cube : cubes) {
    std::vector<std::string> term;
    for (size_t d = 0; d < dims.size(); ++d) {
      if (cube[d] != full[d]) term.push_back(Literal(dims[d], cube[d]));
    }
    result.terms.push_back(std::move(term));
  }
  return result;
}

std::string FormatCaseSet(const CaseSet& cases) {
  if (cases.none()) return "never";
  if (cases.all()) return "any target";
  std::string text;
  for (const std::vector<std::string>& term : cases.terms) {
    std::string conjunction;
    for (const std::string& literal : term) {
      conjunction += (conjunction.empty() ? "" : " and ") + literal;
    }
    text += (text.empty() ? "" : "; or ") + conjunction;
  }
  return text;
}

}  // namespace rolec::analysis
