// Held-out tests: copied in only when the check runs; tests.cpp calls run_hidden_tests().
#include <algorithm>
#include <climits>
#include <cstdint>
#include <iterator>
#include <vector>

#include "../src/filter.hpp"

void report(const char* name, bool ok);
void run_hidden_tests();

namespace {

std::vector<int> reference(const std::vector<int>& in)
{
    std::vector<int> out;
    std::copy_if(in.begin(), in.end(), std::back_inserter(out), [](int n) { return n % 2 == 0; });
    return out;
}

void test_random_vectors_match_reference()
{
    std::uint32_t state = 20260620u;
    auto next = [&state]() {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    bool ok = true;
    for (int round = 0; round < 300 && ok; ++round) {
        std::vector<int> values(next() % 41);
        for (int& v : values) {
            v = static_cast<int>(next() % 101) - 50;
        }
        std::vector<int> want = reference(values);
        remove_if_odd(values);
        ok = values == want;
    }
    report("hidden: 300 random vectors match a reference", ok);
}

void test_negative_odd_numbers()
{
    std::vector<int> values{-3, -2, -1, 0, 7, -8, -9};
    remove_if_odd(values);
    report("hidden: negative odd numbers are removed", values == std::vector<int>{-2, 0, -8});
}

void test_long_runs_and_extremes()
{
    std::vector<int> values;
    for (int i = 0; i < 5000; ++i) {
        values.push_back(2 * i + 1);
    }
    values.insert(values.begin() + 2500, {INT_MIN, 42});
    values.push_back(INT_MAX);
    remove_if_odd(values);
    report("hidden: long runs of odd numbers and INT_MIN/INT_MAX",
           values == std::vector<int>{INT_MIN, 42} && count_odd(values) == 0);
}

}  // namespace

void run_hidden_tests()
{
    test_random_vectors_match_reference();
    test_negative_odd_numbers();
    test_long_runs_and_extremes();
}
