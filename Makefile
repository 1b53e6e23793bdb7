# galley: build, test, install. See README.md.
#   make            the galley binary and the Lua module galley.so (in build/)
#   make test       the whole suite, plain build then ASan+UBSan; ends "N passed, N failed"
#   make asan       the suite under AddressSanitizer + UndefinedBehaviorSanitizer only
#   make valgrind   unit and Lua tests under valgrind
#   make deps       install the Debian packages galley needs (apt-get, sudo when not root)
#   make demo       build, then run the digest pipeline over seeds/
#   make bench      benchmarks (one thread, one run)
#   make install PREFIX=/usr/local DESTDIR=   /   make uninstall   /   make clean

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
LUA     ?= lua5.4

DEBS = lua5.4 liblua5.4-dev libunistring-dev libpcre2-dev libstemmer-dev \
       libsqlite3-dev sqlite3 pkg-config unicode-data iso-codes tzdata parallel time

LUA_PC  := $(shell pkg-config --exists lua5.4 2>/dev/null && echo lua5.4 || echo lua54)
PC_CFLAGS := $(shell pkg-config --cflags $(LUA_PC) libpcre2-8 sqlite3 2>/dev/null)
PC_LIBS   := $(shell pkg-config --libs $(LUA_PC) libpcre2-8 sqlite3 2>/dev/null)

WARN    = -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -fPIC $(WARN) \
             $(CFLAGS) $(PC_CFLAGS) -Icore -I$(BUILD) -MMD -MP
LDLIBS  = $(PC_LIBS) -lunistring -lstemmer -lpthread -lm

ifeq ($(SAN),1)
CFLAGS  = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

# Core modules: plain C, no Lua (each has tests/unit/test_<name>.c).
CORE = buf value json text read doc token sent lang stem write regex phrase pattern fuzzy ner rank
# Lua side: the engine and the bindings.
LUAC = engine l_galley l_doc l_json l_match l_ner l_rank
# The command line.
MAIN = main batch

CORE_OBJ = $(CORE:%=$(BUILD)/%.o)
LUAC_OBJ = $(LUAC:%=$(BUILD)/%.o) $(BUILD)/embedded.o
MAIN_OBJ = $(MAIN:%=$(BUILD)/%.o)

# Lua library embedded in the binary: scripts/lib/*.lua and the stock pipelines.
LUALIB  = $(sort $(wildcard scripts/lib/*.lua))
STOCK   = $(sort $(wildcard scripts/*.lua))
DATA    = $(sort $(wildcard scripts/data/*))

UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

BENCH_SRC = $(sort $(wildcard tests/bench/bench_*.c))
BENCH_BIN = $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)

.PHONY: all test asan valgrind check-build deps demo bench install uninstall clean

all: $(BUILD)/galley $(BUILD)/galley.so

$(BUILD)/galley: $(MAIN_OBJ) $(LUAC_OBJ) $(CORE_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The module links the same objects; Lua itself comes from the interpreter.
$(BUILD)/galley.so: $(LUAC_OBJ) $(CORE_OBJ)
	$(CC) $(LDFLAGS) -shared -o $@ $^ $(filter-out -llua5.4 -llua54,$(LDLIBS))

$(BUILD)/%.o: core/%.c | $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/embedded.c: core/embed.lua $(LUALIB) $(STOCK) | $(BUILD)
	$(LUA) core/embed.lua $(LUALIB) -- $(STOCK) > $@.tmp && mv $@.tmp $@

$(BUILD)/embedded.o: $(BUILD)/embedded.c
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h tests/unit/cases.h $(CORE_OBJ) | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(CORE_OBJ) $(LDLIBS)

$(BUILD)/bench/%: tests/bench/%.c $(CORE_OBJ) | $(BUILD)
	@mkdir -p $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(CORE_OBJ) $(LDLIBS)

$(BUILD):
	@mkdir -p $(BUILD)

check-build: all $(UNIT_BIN)

test:
	@$(MAKE) --no-print-directory check-build
	@$(MAKE) --no-print-directory check-build BUILD=build-asan SAN=1
	@sh tests/run.sh build build-asan

asan:
	@$(MAKE) --no-print-directory check-build BUILD=build-asan SAN=1
	@sh tests/run.sh build-asan

# Unit and Lua tests under valgrind (slower; not part of make test).
valgrind:
	@$(MAKE) --no-print-directory check-build
	@WRAP="valgrind -q --suppressions=tests/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite,indirect --child-silent-after-fork=yes --error-exitcode=99" \
	    TESTS="$(or $(TESTS),:unit: :lua:)" sh tests/run.sh build

deps:
	@sh tests/deps.sh $(DEBS)

demo: all
	@$(BUILD)/galley run scripts/digest.lua seeds/ -o $(BUILD)/demo.jsonl
	@$(BUILD)/galley lua scripts/lib/show.lua $(BUILD)/demo.jsonl

bench: all $(BENCH_BIN) $(BUILD)/bench/gen_news
	@sh tests/bench/run.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/lua/5.4 \
	    $(DESTDIR)$(PREFIX)/share/lua/5.4/galley $(DESTDIR)$(PREFIX)/share/galley/scripts/data \
	    $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/galley $(DESTDIR)$(PREFIX)/bin/galley
	install -m 755 $(BUILD)/galley.so $(DESTDIR)$(PREFIX)/lib/lua/5.4/galley.so
	$(if $(LUALIB),install -m 644 $(LUALIB) $(DESTDIR)$(PREFIX)/share/lua/5.4/galley/)
	$(if $(STOCK),install -m 644 $(STOCK) $(DESTDIR)$(PREFIX)/share/galley/scripts/)
	$(if $(DATA),install -m 644 $(DATA) $(DESTDIR)$(PREFIX)/share/galley/scripts/data/)
	install -m 644 docs/galley.1 $(DESTDIR)$(PREFIX)/share/man/man1/galley.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/galley $(DESTDIR)$(PREFIX)/lib/lua/5.4/galley.so \
	    $(DESTDIR)$(PREFIX)/share/man/man1/galley.1
	rm -rf $(DESTDIR)$(PREFIX)/share/lua/5.4/galley $(DESTDIR)$(PREFIX)/share/galley

clean:
	rm -rf build build-asan

-include $(wildcard $(BUILD)/*.d)
