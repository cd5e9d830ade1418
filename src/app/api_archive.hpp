// A scenario uploaded as a tar archive (plain or gzip-compressed), read as hostile input: only
// regular files with plain relative UTF-8 paths are taken, and the store's limits hold while
// the bytes are decompressed (a gzip bomb stops at the limit, not at the end of memory).
#pragma once

#include <string>
#include <string_view>

#include "store/store.hpp"

namespace reassure::app {

enum class ArchiveKind { tar, tar_gzip };

// The archive's regular files by path. A leading "./" is dropped, and when every file sits in
// one top folder and none is at the top, that folder is dropped too (`tar czf s.tgz scenario/`).
// Directory entries are skipped. Throws server::ApiError, naming the entry in `field`:
//   400 archive.invalid  not a tar (or gzip) archive, or truncated
//   400 archive.entry    an absolute path, a `..` or empty component, a name that is not
//                        UTF-8 or holds a control character or a backslash, a symbolic or hard
//                        link, a device, a FIFO or a socket, a path given twice
//   413 archive.too_large  more than limits::kMaxFiles entries, a path over kMaxPathBytes, a
//                        file over kMaxFileBytes, or more than kMaxUploadBytes in all, counted
//                        as the bytes are decompressed
store::ScenarioFiles read_archive(std::string_view bytes, ArchiveKind kind);

}  // namespace reassure::app
