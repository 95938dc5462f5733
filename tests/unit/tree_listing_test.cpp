// Listings of the publisher's trees kept between builds: a folder is read again exactly when it
// changed since it was listed (or had just changed then), and a kept listing that is missing,
// cut short or altered is not used.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "write/tree_listing.h"

using namespace vitrina;
namespace fs = std::filesystem;

namespace {
// Each entry as "d path", "f path inode" (a regular file) or "o path" (anything else), sorted.
std::vector<std::string> entries(TreeListing listing) {
  listing.index_inodes();
  std::vector<std::string> all;
  listing.each([&](std::string_view rel, bool dir) {
    const uint64_t inode = listing.inode_of(rel);
    all.push_back(dir ? "d " + std::string(rel)
                      : inode ? "f " + std::string(rel) + " " + std::to_string(inode) : "o " + std::string(rel));
  });
  std::sort(all.begin(), all.end());
  return all;
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}
}  // namespace

TEST_CASE("tree listing: a kept listing is read again only where a folder changed, and gives what reading the tree gives") {
  const fs::path dir = fs::temp_directory_path() / ("vitrina-listing-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path root = dir / "tree";
  write(root / "a/b/x.html", "x");
  write(root / "a/b/y.html", "y");
  write(root / "a/c/z.html", "z");
  write(root / "top.html", "t");
  fs::create_directory_symlink(root / "a", root / "link");  // listed as what it is, never followed

  const TreeListing first = list_tree(root);
  CHECK(first.folders() == 4);
  CHECK(first.folders_read() == 4);
  auto file = [&](const std::string& rel) {
    struct stat st;
    return ::lstat((root / rel).c_str(), &st) == 0 ? "f " + rel + " " + std::to_string(st.st_ino) : "missing " + rel;
  };
  CHECK(entries(first) == std::vector<std::string>{"d a", "d a/b", "d a/c", file("a/b/x.html"), file("a/b/y.html"),
                                                   file("a/c/z.html"), file("top.html"), "o link"});
  // Every folder changed just before it was listed: a change within the same clock tick would
  // not show in its stamp, so each is read again, however often.
  const TreeListing racy = list_tree(root, first);
  CHECK(racy.folders_read() == 4);
  CHECK(entries(racy) == entries(first));

  ::usleep(2'100'000);  // the folders age past the timestamps' granularity
  const TreeListing aged = list_tree(root, racy);
  CHECK(aged.folders_read() == 4);  // `racy` was still taken just after the changes
  const TreeListing kept = list_tree(root, aged);
  CHECK(kept.folders_read() == 0);
  CHECK(entries(kept) == entries(first));
  CHECK(entries(list_tree(root, aged, true)) == entries(first));

  // Kept in a file: read back whole; a missing, cut short or altered file is not used.
  const fs::path file_of_listing = dir / "listing";
  std::string error;
  REQUIRE(write_listing(file_of_listing, kept, error));
  CHECK(entries(read_listing(file_of_listing)) == entries(kept));
  CHECK(list_tree(root, read_listing(file_of_listing)).folders_read() == 0);
  std::string bytes;
  {
    std::ifstream in(file_of_listing, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto reads_empty = [&](const std::string& altered) {
    std::ofstream(file_of_listing, std::ios::binary | std::ios::trunc) << altered;
    return read_listing(file_of_listing).empty();
  };
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 1;
  CHECK(reads_empty(flipped));
  CHECK(reads_empty(bytes.substr(0, bytes.size() - 10)));
  CHECK(reads_empty(""));
  fs::remove(file_of_listing);
  CHECK(read_listing(file_of_listing).empty());
  CHECK(list_tree(root, read_listing(file_of_listing)).folders_read() == 4);  // without one, all are read

  // Each change below is looked for with `kept`, taken before all of them.
  // A file added in a folder whose parent did not change: that folder alone is read.
  write(root / "a/b/new.html", "n");
  const TreeListing added = list_tree(root, kept);
  CHECK(added.folders_read() == 1);
  CHECK(entries(added) == entries(list_tree(root)));
  CHECK(list_tree(root, added).folders_read() == 1);  // read just after it changed: read again, even unchanged
  // A file replaced under the same name (another inode): its folder is read.
  write(root / "top.tmp", "t2");
  fs::rename(root / "top.tmp", root / "top.html");
  const TreeListing replaced = list_tree(root, kept);
  CHECK(replaced.folders_read() == 2);
  const std::vector<std::string> now = entries(replaced);
  CHECK(now == entries(list_tree(root)));
  CHECK(std::count(now.begin(), now.end(), file("top.html")) == 1);
  // A file removed, then its folder replaced by a file (on all threads).
  fs::remove(root / "a/c/z.html");
  fs::remove_all(root / "a/c");
  write(root / "a/c", "now a file");
  const std::vector<std::string> gone = entries(list_tree(root, kept, true));
  CHECK(gone == entries(list_tree(root)));
  CHECK(std::count(gone.begin(), gone.end(), "d a/c") == 0);
  CHECK(std::count(gone.begin(), gone.end(), file("a/c")) == 1);
  fs::remove_all(dir);
}

// With a clock (a folder on the tree's file system), a folder is trusted as soon as its last
// change lies in an earlier tick of that file system's clock than the listing's start — no
// 2 s wait — and one changed after the listing began, even at once, is read again.
TEST_CASE("tree listing: on the file system's clock, folders are trusted a tick after they changed, and changes after are seen") {
  const fs::path dir = fs::temp_directory_path() / ("vitrina-listing-clock-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path root = dir / "tree", clock = dir / "clock";
  fs::create_directories(clock);
  write(root / "a/b/x.html", "x");
  write(root / "c/y.html", "y");
  ::usleep(50'000);  // a few ticks of any clock finer than FAT's
  const TreeListing first = list_tree(root, {}, false, clock);
  const TreeListing again = list_tree(root, first, false, clock);
  CHECK(again.folders_read() == 0);
  CHECK(entries(again) == entries(first));
  write(root / "a/b/z.html", "z");  // right after: within the tick the listing began, maybe
  const TreeListing changed = list_tree(root, first, false, clock);
  CHECK(changed.folders_read() == 1);
  CHECK(entries(changed) == entries(list_tree(root)));
  // Without the clock, the same folders are read again until they are 2 s old.
  CHECK(list_tree(root, list_tree(root), false).folders_read() == 4);
  fs::remove_all(dir);
}
