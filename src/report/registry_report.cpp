#include <fmt/format.h>

#include "report/reports.hpp"
#include "report/table.hpp"

namespace reassure::report {

namespace {
nlohmann::json statement_json(const Statement& s) {
  return {{"date", s.date.iso()},
          {"position", to_string(s.position)},
          {"summary", s.summary},
          {"source", s.source},
          {"doubtful_source", s.doubtful_source}};
}

std::string shorten(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit - 3;
  while (cut > 0 && (text[cut] & 0xC0) == 0x80) --cut;  // never split a UTF-8 sequence
  return text.substr(0, cut) + "...";
}
}  // namespace

nlohmann::json registry_json(const CoalitionStatus& status) {
  nlohmann::json by_position = nlohmann::json::object();
  for (auto& [position, count] : status.by_position) by_position[to_string(position)] = count;
  nlohmann::json nations = nlohmann::json::array();
  for (const auto& n : status.nations) {
    nlohmann::json entry = {{"code", n.code},
                            {"name", n.name},
                            {"participant", n.participant},
                            {"position", to_string(n.position)}};
    if (!n.role.empty()) entry["role"] = n.role;
    entry["statement"] = n.statement ? statement_json(*n.statement) : nlohmann::json(nullptr);
    nations.push_back(entry);
  }
  nlohmann::json undisclosed = nlohmann::json::array();
  for (const auto& u : status.undisclosed_counted)
    undisclosed.push_back({{"id", u.id},
                           {"date", u.date.iso()},
                           {"position", to_string(u.position)},
                           {"summary", u.summary},
                           {"source", u.source}});
  return {{"as_of", status.as_of.iso()},
          {"participants", status.participants},
          {"by_position", by_position},
          {"nations", nations},
          {"undisclosed_commitments",
           {{"recorded", status.undisclosed_recorded},
            {"counted", status.undisclosed_counted.size()},
            {"records", undisclosed}}}};
}

std::string registry_text(const CoalitionStatus& status) {
  std::string out = fmt::format("Coalition status as of {}\n", status.as_of.iso());
  int public_committed = 0;
  for (const auto& n : status.nations)
    if (n.participant && n.position == Position::committed) ++public_committed;
  out += fmt::format("{} participants; {} committed ({} by public statement, {} undisclosed)\n\n",
                     status.participants, status.by_position.at(Position::committed),
                     public_committed, status.undisclosed_counted.size());

  Table counts({"position", "participants"}, {false, true});
  for (auto& [position, count] : status.by_position)
    if (count > 0) counts.add({to_string(position), std::to_string(count)});
  out += counts.str() + "\n";

  auto nation_table = [&](bool participants) {
    Table table({"code", "nation", "position", "since", "statement", "source"});
    for (const auto& n : status.nations) {
      if (n.participant != participants) continue;
      std::string name = n.name + (n.role.empty() ? "" : " (" + n.role + ")");
      if (!n.statement) {
        table.add({n.code, name, to_string(n.position), "", "no public statement", ""});
        continue;
      }
      const auto& s = *n.statement;
      table.add({n.code, name, to_string(n.position), s.date.iso(), shorten(s.summary, 70),
                 shorten(s.source, 60) + (s.doubtful_source ? " (doubtful)" : "")});
    }
    return table.str();
  };
  out += "Participants\n" + nation_table(true) + "\n";
  if (!status.undisclosed_counted.empty()) {
    const auto& first = status.undisclosed_counted.front();
    out += fmt::format(
        "Undisclosed: {} participants without a public position are counted as {} by "
        "announcements whose lists were never published ({} records; first {} on {}, {}).\n\n",
        status.undisclosed_counted.size(), to_string(first.position), status.undisclosed_recorded,
        first.id, first.date.iso(), first.source);
  }
  out += "Stakeholders outside the coalition\n" + nation_table(false);
  return out;
}

}  // namespace reassure::report
