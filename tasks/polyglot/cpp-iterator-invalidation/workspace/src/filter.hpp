#pragma once

#include <cstddef>
#include <vector>

// Removes every odd number (positive or negative) from `values`, in place,
// keeping the even numbers in their original order.
void remove_if_odd(std::vector<int>& values);

// Counts the odd numbers in `values`.
std::size_t count_odd(const std::vector<int>& values);
