package cli

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"mfgplan/internal/xlsx"
)

// Config is what every command needs to reach the store and the plan.
// Precedence: flags, then MFGPLAN_* environment variables, then defaults.
type Config struct {
	DataDir string // --data, MFGPLAN_DATA
	DB      string // --db, MFGPLAN_DB: a postgres:// URL or a SQLite file
	Plan    string // --plan, MFGPLAN_PLAN: a plan file; empty = the embedded Dazhou plan
	Addr    string // --addr, MFGPLAN_ADDR (serve only)
	JSON    bool   // --json
	// Security: --auth-policy, and serve's --tls-cert and --tls-key.
	Security SecurityConfig
	// Import limits (--import-max-rows, --import-max-columns, --import-max-unzip-mb): a sheet or CSV
	// with more rows or wider rows, or an xlsx that unpacks to more, is refused.
	ImportMaxRows    int
	ImportMaxUnzipMB int
	ImportMaxColumns int
	// HighTech3964 counts 3964 服务消费机器人制造 as 高技术制造业 (--hightech-3964,
	// MFGPLAN_HIGHTECH_3964): it postdates the 2017 NBS list, so it is off by default.
	HighTech3964 bool
	// envProblems are environment values that did not parse; Validate
	// refuses to start with any, rather than use the default silently.
	envProblems []string
}

func (c *Config) bind(fs *pflag.FlagSet) {
	fs.StringVar(&c.DataDir, "data", envOr("MFGPLAN_DATA", "./mfgplan-data"), "data directory (env MFGPLAN_DATA)")
	fs.StringVar(&c.DB, "db", os.Getenv("MFGPLAN_DB"), "database: postgres://… URL, or a SQLite file (default <data>/mfgplan.db; env MFGPLAN_DB)")
	fs.StringVar(&c.Plan, "plan", os.Getenv("MFGPLAN_PLAN"), "plan file to load (default: the embedded Dazhou plan; env MFGPLAN_PLAN)")
	fs.BoolVar(&c.JSON, "json", false, "print JSON instead of text")
	c.Security.bind(fs)
	fs.IntVar(&c.ImportMaxRows, "import-max-rows", c.envInt("MFGPLAN_IMPORT_MAX_ROWS", xlsx.DefaultLimits.MaxRows), "most rows an imported sheet or CSV may have (env MFGPLAN_IMPORT_MAX_ROWS)")
	fs.IntVar(&c.ImportMaxColumns, "import-max-columns", c.envInt("MFGPLAN_IMPORT_MAX_COLUMNS", xlsx.DefaultLimits.MaxColumns), "most columns a row of an imported sheet or CSV may have (env MFGPLAN_IMPORT_MAX_COLUMNS)")
	fs.IntVar(&c.ImportMaxUnzipMB, "import-max-unzip-mb", c.envInt("MFGPLAN_IMPORT_MAX_UNZIP_MB", int(xlsx.DefaultLimits.MaxUnzipBytes>>20)), "largest uncompressed size of an imported xlsx, in MiB (env MFGPLAN_IMPORT_MAX_UNZIP_MB)")
	fs.BoolVar(&c.HighTech3964, "hightech-3964", c.envBool("MFGPLAN_HIGHTECH_3964"), "count 3964 服务消费机器人制造 as 高技术制造业 (env MFGPLAN_HIGHTECH_3964=true)")
}

// ImportLimits are the configured import limits.
func (c *Config) ImportLimits() xlsx.Limits {
	return xlsx.Limits{MaxRows: c.ImportMaxRows, MaxUnzipBytes: int64(c.ImportMaxUnzipMB) << 20, MaxColumns: c.ImportMaxColumns}
}

// DSN is the database to open.
func (c *Config) DSN() string {
	if c.DB != "" {
		return c.DB
	}
	return filepath.Join(c.DataDir, "mfgplan.db")
}

// Validate checks the configuration before anything is opened.
func (c *Config) Validate() error {
	if len(c.envProblems) > 0 {
		return fmt.Errorf("configuration: %s", strings.Join(c.envProblems, "; "))
	}
	if c.DB == "" && c.DataDir == "" {
		return fmt.Errorf("no data directory: give --data or MFGPLAN_DATA")
	}
	if err := c.Security.validate(); err != nil {
		return err
	}
	if c.ImportMaxRows <= 0 || c.ImportMaxUnzipMB <= 0 || c.ImportMaxColumns <= 0 {
		return fmt.Errorf("--import-max-rows, --import-max-columns and --import-max-unzip-mb must be positive")
	}
	if c.Addr != "" {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			return fmt.Errorf("--addr %q is not host:port: %w", c.Addr, err)
		}
	}
	return nil
}

// envInt reads an integer variable, def when it is unset; a value that is
// not an integer is recorded for Validate to refuse.
func (c *Config) envInt(key string, def int) int {
	raw, ok := os.LookupEnv(key)
	if !ok || raw == "" {
		return def
	}
	v, err := strconv.Atoi(raw)
	if err != nil {
		c.envProblems = append(c.envProblems, fmt.Sprintf("环境变量 %s=%q 不是整数", key, raw))
		return def
	}
	return v
}

// envBool reads a boolean variable (true/false, 1/0), false when unset; any
// other value is recorded for Validate to refuse.
func (c *Config) envBool(key string) bool {
	raw, ok := os.LookupEnv(key)
	if !ok || raw == "" {
		return false
	}
	v, err := strconv.ParseBool(raw)
	if err != nil {
		c.envProblems = append(c.envProblems, fmt.Sprintf("环境变量 %s=%q 不是 true 或 false", key, raw))
	}
	return v
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
