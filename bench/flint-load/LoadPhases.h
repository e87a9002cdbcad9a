// The measured phases of flint-load. Each prints one machine-readable "result" line and
// returns whether every operation of the phase succeeded.
#pragma once

#include "LoadOptions.h"

namespace flint::bench {

bool runRegisterPhase(const LoadOptions &options);
bool runLoginPhase(const LoadOptions &options);
bool runMessagesPhase(const LoadOptions &options);
bool runIdlePhase(const LoadOptions &options);

} // namespace flint::bench
