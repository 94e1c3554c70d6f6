#pragma once

namespace scarplan {

// spec/cli.md; sysexits(3) numbers where they exist.
enum ExitStatus : int
{
  k_exit_ok = 0,
  k_exit_not_treatable = 1, // valid, but a patient is not eligible, deferred or not indicated
  k_exit_usage = 2,
  k_exit_data = 65,        // an input or settings file is invalid
  k_exit_no_input = 66,    // an input could not be read
  k_exit_unavailable = 69, // the installation is broken (the time-zone database)
  k_exit_software = 70,    // a bug
  k_exit_cannot_create = 73,
  k_exit_io = 74, // writing failed part-way (disk full)
};

// Combines the statuses of a batch: the highest error code wins over 1, and 1 over 0.
inline int
combine_exit(int a, int b)
{
  const auto rank = [](int code) { return code > k_exit_usage ? 1000 + code : code; };
  return rank(a) >= rank(b) ? a : b;
}

} // namespace scarplan
