#pragma once
// A broken invariant in a fuzz target: print what broke and abort, so libFuzzer keeps the input.

#include <QString>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, what)                                                                \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "fuzz invariant broken: %s (%s)\n", #condition,                   \
                         qPrintable(QString(what)));                                               \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)
