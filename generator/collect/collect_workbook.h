// `vitrina collect`: the data-entry workbook of one programme («Факты», «Мероприятия»,
// «Инструкция» and a hidden «Служебный» sheet), written with libxlsxwriter. Layout: layout.h.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "compute/metrics.h"
#include "diag/diagnostics.h"
#include "model/model.h"

namespace vitrina {

struct CollectOptions {
  std::optional<int> year;  // one year only (facts and statuses); default: facts for every year
                            // of the period, statuses for the report year
  FactPeriod period = FactPeriod::Year;  // the part of the year the rows ask for
};

// The workbook's bytes; "" with an error in `diags` on failure.
std::string build_collect_xlsx(const SiteModel& model, const Programme& p, const SiteMetrics& metrics,
                               const CollectOptions& opt, Diagnostics& diags);

// The indicators whose facts the workbook asks for (every kind but text).
bool collects_facts(const Indicator& ind);

}  // namespace vitrina
