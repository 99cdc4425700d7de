#include "last100/metrics/time_series.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace last100::metrics {

TimeSeriesRecorder::TimeSeriesRecorder(sim::Duration step) : step_(step), next_(sim::TimePoint{step}) {
  if (step.count() <= 0) throw std::invalid_argument("time series step must be positive");
}

void TimeSeriesRecorder::record(const Sample& sample) {
  if (sample.at != next_)
    throw std::logic_error(fmt::format("time series sample at {} ms, expected at {} ms", sim::ticks(sample.at),
                                       sim::ticks(next_)));
  samples_.push_back(sample);
  next_ += step_;
}

Sample TimeSeriesRecorder::couriers_at(const model::Couriers& couriers, sim::TimePoint now) {
  Sample s;
  s.at = now;
  for (std::size_t i = 0; i < couriers.count(); ++i)
    ++s.couriers[static_cast<std::size_t>(couriers.state(make_id<model::CourierTag>(i)))];
  return s;
}

}  // namespace last100::metrics
