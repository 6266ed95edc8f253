package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"mfgplan/internal/store"
)

func (e *cmdEnv) migrateCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "migrate", Short: "Apply or list database migrations"}
	cmd.AddCommand(&cobra.Command{
		Use:   "up",
		Short: "Apply pending migrations",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withDB(cmd, func(db *store.DB) error {
				done, err := db.MigrateUp(cmd.Context())
				if err != nil {
					return err
				}
				return e.print(map[string]any{"applied": done}, func(w io.Writer) {
					fmt.Fprintf(w, "applied %d migration(s) %v on %s\n", len(done), done, db.DSN)
				})
			})
		},
	}, &cobra.Command{
		Use:   "status",
		Short: "List migrations and when each was applied",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withDB(cmd, func(db *store.DB) error {
				st, err := db.Status(cmd.Context())
				if err != nil {
					return err
				}
				return e.print(st, func(w io.Writer) {
					for _, m := range st {
						at := "pending"
						if m.AppliedAt != nil {
							at = m.AppliedAt.Format("2006-01-02 15:04:05Z")
						}
						fmt.Fprintf(w, "%04d_%-20s %s\n", m.Version, m.Name, at)
					}
				})
			})
		},
	})
	return cmd
}

// withDB opens only the store (no migration, no plan), for commands that
// manage the schema itself.
func (e *cmdEnv) withDB(cmd *cobra.Command, fn func(*store.DB) error) error {
	if err := e.cfg.Validate(); err != nil {
		return err
	}
	db, err := store.Open(cmd.Context(), e.cfg.DSN())
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}
