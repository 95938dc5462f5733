// Derives the structured reading of a printed term («2019-2023 гг. февраль-май»,
// «Ежегодно, IV квартал», «15.03.2022 14.06.2022» …). Pure function, no I/O.
#pragma once
#include <string>

#include "model/period.h"

namespace vitrina {

Period parse_period(const std::string& printed);

}  // namespace vitrina
