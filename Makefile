PREFIX ?= /usr/local

.PHONY: build demo test docs install bench
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

bench:
	scripts/bench
