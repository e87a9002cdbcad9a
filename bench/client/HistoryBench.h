// `flint-client-bench history`: local history insert rate, full-text search and paging latency.
#pragma once

#include <QStringList>

namespace flint::bench {

int runHistoryBench(const QStringList &arguments);

} // namespace flint::bench
