PREFIX ?= /usr/local

.PHONY: build demo test docs install uninstall bench
build:
	scripts/deps && swift build
demo:
	scripts/demo
test:
	scripts/test
docs:
	scripts/docs
install:
	PREFIX=$(PREFIX) scripts/install
uninstall:
	PREFIX=$(PREFIX) scripts/install --uninstall

bench:
	scripts/bench
