// A self-contained HTML report: no scripts, no external assets, so it opens anywhere,
// including an air-gapped headquarters network.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <string_view>

#include "report/reports.hpp"
#include "report/table.hpp"

namespace reassure::report {

namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string link(const std::string& source) {
  if (source.rfind("http", 0) != 0) return escape(source);
  return fmt::format("<a href=\"{0}\">{0}</a>", escape(source));
}

// Horizontal bars, one per (label, rate) in 0..1; `title` names the chart for screen readers.
std::string bars(const std::string& title,
                 const std::vector<std::pair<std::string, double>>& rows) {
  const int width = 360, bar = 18, label = 140;
  std::string svg = fmt::format("<svg width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">",
                                label + width + 60, rows.size() * (bar + 6) + 4, escape(title));
  int y = 2;
  for (const auto& [name, rate] : rows) {
    int w = int(std::lround(std::clamp(rate, 0.0, 1.0) * width));
    svg += fmt::format(
        "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>"
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ddd\"/>"
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
        y + 13, escape(name), label, y, width, bar, label, y, w, bar,
        rate >= 0.999 ? "#2e7d32" : (rate >= 0.75 ? "#f9a825" : "#c62828"), label + width + 6,
        y + 13, percent(rate));
    y += bar + 6;
  }
  return svg + "</svg>";
}

// Sites and the line of contact on an equirectangular sketch of the theatre.
std::string sketch_map(const Scenario& scenario) {
  double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
  auto extend = [&](double lat, double lon) {
    min_lat = std::min(min_lat, lat), max_lat = std::max(max_lat, lat);
    min_lon = std::min(min_lon, lon), max_lon = std::max(max_lon, lon);
  };
  for (const auto& s : scenario.sites) extend(s.lat, s.lon);
  for (const auto& g : scenario.geometries)
    for (const auto& line : g.lines)
      for (auto [lat, lon] : line) extend(lat, lon);
  if (min_lat > max_lat) return "";
  const double width = 720, height = 420, margin = 1.0;
  min_lat -= margin, max_lat += margin, min_lon -= margin, max_lon += margin;
  double cos_lat = std::cos((min_lat + max_lat) / 2 * M_PI / 180);
  double scale = std::min(width / ((max_lon - min_lon) * cos_lat), height / (max_lat - min_lat));
  auto x = [&](double lon) { return (lon - min_lon) * cos_lat * scale; };
  auto y = [&](double lat) { return (max_lat - lat) * scale; };
  std::string svg = fmt::format(
      "<svg width=\"{:.0f}\" height=\"{:.0f}\" style=\"background:#eef4f8\" role=\"img\" "
      "aria-label=\"Sketch of the theatre: the sites and the lines, listed in the tables\">",
      width, height);
  for (const auto& g : scenario.geometries)
    for (const auto& line : g.lines) {
      std::string points;
      for (auto [lat, lon] : line) points += fmt::format("{:.1f},{:.1f} ", x(lon), y(lat));
      svg += fmt::format(
          "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" "
          "stroke-dasharray=\"6 3\"/>",
          points, g.id == kContactLine ? "#c62828" : "#6d4c41", g.id == kContactLine ? 3 : 1);
    }
  for (const auto& s : scenario.sites)
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"#1565c0\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\">{}</text>",
        x(s.lon), y(s.lat), x(s.lon) + 6, y(s.lat) + 3, escape(s.id));
  return svg + "</svg>";
}

std::string html_table(const std::vector<std::string>& headers,
                       const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<table><tr>";
  for (const auto& h : headers) out += "<th>" + escape(h) + "</th>";
  out += "</tr>";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& cell : row) out += "<td>" + cell + "</td>";
    out += "</tr>";
  }
  return out + "</table>";
}

// True when `text` holds `</tag` in any case: inlined, it would close its element early.
bool closes_element(std::string_view text, std::string_view tag) {
  for (std::size_t at = text.find("</"); at != std::string_view::npos;
       at = text.find("</", at + 2)) {
    auto rest = text.substr(at + 2, tag.size());
    if (rest.size() == tag.size() &&
        std::equal(rest.begin(), rest.end(), tag.begin(),
                   [](char a, char b) { return std::tolower((unsigned char)a) == b; }))
      return true;
  }
  return false;
}

// The data as the text of a <script type="application/json">: '<' written as \u003c (the same
// JSON), so no string in it can close the element.
std::string inline_json(const nlohmann::json& data) {
  std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string html_report(const Scenario& scenario, const CoalitionStatus& status,
                        const forcegen::Plan& plan, const ReportScripts* scripts) {
  if (scripts &&
      (closes_element(scripts->script, "script") || closes_element(scripts->style, "style")))
    throw std::runtime_error("the report's script or style holds a closing tag; rebuild web/");
  std::string out = fmt::format(
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>reassure: {}</title>"
      "<style>body{{font-family:sans-serif;margin:2em;max-width:1100px}}"
      "table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #bbb;padding:3px 6px;"
      "font-size:13px;text-align:left}}th{{background:#f0f0f0}}</style>{}</head><body>"
      "<h1>{}</h1><p>{}</p>",
      escape(scenario.name), scripts ? "<style>" + scripts->style + "</style>" : "",
      escape(scenario.name), escape(scenario.description));
  if (scripts) out += "<div id=\"report-app\" hidden></div>";

  const auto& words = status.words;
  out += fmt::format("<h2>{} as of {}</h2><p>{} {}, {} {}.</p>", escape(words.body),
                     status.as_of.iso(), status.participants, escape(words.participants),
                     status.committed, escape(words.committed));
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : status.by_position)
    if (c.participants) rows.push_back({escape(c.label), std::to_string(c.participants)});
  out += html_table({"position", words.participants}, rows);
  rows.clear();
  for (const auto& n : status.nations)
    rows.push_back({escape(n.code), escape(n.name), escape(to_string(n.standing)), escape(n.label),
                    n.statement ? n.statement->date.iso() : "",
                    n.statement ? escape(n.statement->summary) : "no public statement",
                    n.statement ? to_string(n.statement->basis) : "",
                    n.statement ? link(n.statement->source) : ""});
  out +=
      html_table({"code", "nation", "", "position", "since", "statement", "basis", "source"}, rows);

  out += fmt::format(
      "<h2>Force generation ({})</h2><p>Status: <b>{}</b>. Fill {} of {} personnel over {} "
      "rotations ({}).{}</p>",
      escape(plan.variant), escape(plan.status),
      in_rotations(plan.total.filled_personnel, plan.steps_per_rotation),
      in_rotations(plan.total.required_personnel, plan.steps_per_rotation), plan.rotations,
      percent(plan.total.rate()),
      plan.planned_from == plan.mission_start
          ? ""
          : " History before " + plan.planned_from + ": not planned.");
  std::vector<std::pair<std::string, double>> domain_bars, burden_bars;
  for (const auto& f : plan.by_domain) domain_bars.emplace_back(f.key, f.rate());
  out += "<h3>Fill by domain</h3>" + bars("Fill by domain", domain_bars);
  rows.clear();
  for (const auto& f : plan.by_rotation)
    rows.push_back({escape(f.key), escape(f.start), escape(f.end),
                    in_rotations(f.filled_personnel, plan.steps_per_rotation) + "/" +
                        in_rotations(f.required_personnel, plan.steps_per_rotation),
                    percent(f.rate())});
  out += "<h3>Fill by rotation</h3>" +
         html_table({"rotation", "first day", "last day", "personnel", "fill"}, rows);
  for (const auto& b : plan.burden) burden_bars.emplace_back(b.nation + " " + b.name, b.share);
  out +=
      "<h3>Burden share (personnel-rotations)</h3>" + bars("Burden share by nation", burden_bars);

  rows.clear();
  for (const auto& s : plan.shortfalls)
    rows.push_back({escape(s.requirement), std::to_string(s.rotation),
                    escape(s.start + " to " + s.end), escape(s.site),
                    std::to_string(s.missing_units),
                    in_rotations(s.missing_personnel, plan.steps_per_rotation), escape(s.why)});
  out += "<h3>Shortfalls</h3>" + html_table({"requirement", "rotation", "days", "site",
                                             "missing units", "missing personnel", "why"},
                                            rows);
  const Geometry* contact = RecordIndex(scenario.geometries, &Geometry::id).find(kContactLine);
  out += "<h3>Sites and the line of contact</h3><p>" + escape(contact ? contact->label : "") +
         "</p>" + sketch_map(scenario);
  rows.clear();
  for (const auto& a : plan.assignments)
    rows.push_back({std::to_string(a.rotation), escape(a.start + " to " + a.end),
                    escape(a.requirement), escape(a.site), escape(a.nation), escape(a.pledge),
                    std::to_string(a.units), thousands(a.personnel)});
  out += "<h3>Assignments</h3>" + html_table({"rotation", "tour", "requirement", "site", "nation",
                                              "pledge", "units", "personnel"},
                                             rows);
  if (scripts)
    out += "<script type=\"application/json\" id=\"report-data\">" + inline_json(scripts->data) +
           "</script><script>" + scripts->script + "</script>";
  return out + "</body></html>\n";
}

}  // namespace reassure::report
