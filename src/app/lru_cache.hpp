// A bounded map that forgets its least recently used entry first: what the server keeps in
// memory to answer repeated reads fast (loaded scenarios, cached plans, rendered views).
// Thread-safe; values are copied out, so keep them cheap to copy (shared pointers, strings).
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace reassure::app {

template <typename Value>
class LruCache {
 public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

  std::optional<Value> get(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second.position);
    return it->second.value;
  }

  // Keeps the first value stored under a key (equal keys, equal values here).
  void put(const std::string& key, Value value) {
    std::lock_guard lock(mutex_);
    if (capacity_ == 0 || entries_.contains(key)) return;
    order_.push_front(key);
    entries_.emplace(key, Entry{std::move(value), order_.begin()});
    while (entries_.size() > capacity_) {
      entries_.erase(order_.back());
      order_.pop_back();
    }
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    Value value;
    std::list<std::string>::iterator position;
  };
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<std::string> order_;  // most recent first
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace reassure::app
