// Command mfgplan is the whole platform in one binary: server, CLI and
// migrations. See `mfgplan --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"mfgplan/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Execute(ctx, cli.BuildInfo{Version: version}, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
