#pragma once
/// The engine in one include.
#include "last100/sim/event.hpp"
#include "last100/sim/event_queue.hpp"
#include "last100/sim/monitor.hpp"
#include "last100/sim/process.hpp"
#include "last100/sim/random.hpp"
#include "last100/sim/resource.hpp"
#include "last100/sim/simulation.hpp"
#include "last100/sim/store.hpp"
#include "last100/sim/time.hpp"
