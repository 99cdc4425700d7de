#pragma once
// The replay page's HTML, styles and player script (replay_page.cpp), kept apart from the
// digest of the traces (replay.cpp).

#include <string>
#include <string_view>

namespace last100::report::detail {

/// Returns the page for an HTML-escaped scenario name and the data object as JSON text
/// (numbers and escaped strings only, so it is safe inside a script element).
std::string replay_page(std::string_view escaped_scenario, std::string_view data_json);

}  // namespace last100::report::detail
