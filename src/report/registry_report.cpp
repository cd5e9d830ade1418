#include <fmt/format.h>

#include "report/reports.hpp"
#include "report/table.hpp"

namespace reassure::report {

namespace {
nlohmann::json statement_json(const Statement& s) {
  return {{"date", s.date.iso()},        {"position", s.position},
          {"summary", s.summary},        {"source", s.source},
          {"basis", to_string(s.basis)}, {"doubtful_source", s.doubtful_source}};
}

// A word as a heading: its first letter in capitals (ASCII; other scripts are left as written).
std::string heading(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = char(word[0] - 'a' + 'A');
  return word;
}

std::string shorten(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit - 3;
  while (cut > 0 && (text[cut] & 0xC0) == 0x80) --cut;  // never split a UTF-8 sequence
  return text.substr(0, cut) + "...";
}
}  // namespace

nlohmann::json registry_json(const CoalitionStatus& status) {
  // A list, so that programs see the vocabulary's order too.
  nlohmann::json by_position = nlohmann::json::array();
  for (const auto& c : status.by_position)
    by_position.push_back(
        {{"position", c.position}, {"label", c.label}, {"participants", c.participants}});
  nlohmann::json nations = nlohmann::json::array();
  for (const auto& n : status.nations) {
    nlohmann::json entry = {{"code", n.code},
                            {"name", n.name},
                            {"participant", n.participant},
                            {"standing", to_string(n.standing)},
                            {"position", n.position},
                            {"label", n.label}};
    if (!n.role.empty()) entry["role"] = n.role;
    entry["statement"] = n.statement ? statement_json(*n.statement) : nlohmann::json(nullptr);
    nations.push_back(entry);
  }
  nlohmann::json undisclosed = nlohmann::json::array();
  for (const auto& u : status.undisclosed_counted)
    undisclosed.push_back({{"id", u.id},
                           {"date", u.date.iso()},
                           {"position", u.position},
                           {"summary", u.summary},
                           {"source", u.source}});
  const auto& w = status.words;
  // The keys stay the same for every scenario; the labels are the scenario's words for them.
  nlohmann::json labels = {{"body", w.body},
                           {"participants", w.participants},
                           {"former_participants", w.former_participants},
                           {"committed", w.committed},
                           {"undisclosed", w.undisclosed},
                           {"outside", w.outside}};
  return {{"as_of", status.as_of.iso()},
          {"labels", labels},
          {"participants", status.participants},
          {"former_participants", status.former_participants},
          {"committed", status.committed},
          {"by_position", by_position},
          {"nations", nations},
          {"undisclosed_commitments",
           {{"recorded", status.undisclosed_recorded},
            {"counted", status.undisclosed_counted.size()},
            {"records", undisclosed}}}};
}

std::string registry_text(const CoalitionStatus& status) {
  const auto& w = status.words;
  std::string out = fmt::format("{} status as of {}\n", w.body, status.as_of.iso());
  out += fmt::format("{} {}; {} {} ({} by public statement, {} {})", status.participants,
                     w.participants, status.committed, w.committed, status.committed_by_statement,
                     status.committed_undisclosed, w.undisclosed);
  if (status.former_participants)
    out +=
        fmt::format("; {} {}", status.former_participants,
                    status.former_participants == 1 ? w.former_participant : w.former_participants);
  out += "\n\n";

  Table counts({"position", w.participants}, {false, true});
  for (const auto& c : status.by_position)
    if (c.participants > 0) counts.add({c.label, std::to_string(c.participants)});
  out += counts.str() + "\n";

  auto nation_table = [&](Standing standing) {
    Table table({"code", "nation", "position", "since", "statement", "basis", "source"});
    for (const auto& n : status.nations) {
      if (n.standing != standing) continue;
      std::string name = n.name + (n.role.empty() ? "" : " (" + n.role + ")");
      if (!n.statement) {
        table.add({n.code, name, n.label, "", "no public statement", "", ""});
        continue;
      }
      const auto& s = *n.statement;
      table.add({n.code, name, n.label, s.date.iso(), shorten(s.summary, 70), to_string(s.basis),
                 shorten(s.source, 60) + (s.doubtful_source ? " (doubtful)" : "")});
    }
    return table.str();
  };
  out += heading(w.participants) + "\n" + nation_table(Standing::participant) + "\n";
  if (!status.undisclosed_counted.empty()) {
    const auto& first = status.undisclosed_counted.front();
    std::string label = first.position;
    for (const auto& c : status.by_position)
      if (c.position == first.position) label = c.label;
    out += fmt::format(
        "{}: {} {} without a public position are counted as {} by announcements whose lists "
        "were never published ({} records; first {} on {}, {}).\n\n",
        heading(w.undisclosed), status.undisclosed_counted.size(), w.participants, label,
        status.undisclosed_recorded, first.id, first.date.iso(), first.source);
  }
  if (status.former_participants)
    out +=
        heading(w.former_participants) + "\n" + nation_table(Standing::former_participant) + "\n";
  out += heading(w.outside) + "\n" + nation_table(Standing::outside);
  return out;
}

}  // namespace reassure::report
