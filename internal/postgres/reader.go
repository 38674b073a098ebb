package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ReaderRole is the role the API connects as: it may read the knowledge base and nothing
// else, so that no request can change a row even if the code had a bug. Migrations run as the
// database's owner.
const ReaderRole = "kb_reader"

// grantReaderSQL creates the reader role once per server (roles are shared by all its
// databases; concurrent creators are tolerated) and lets it read this database only.
const grantReaderSQL = `
	DO $$
	BEGIN
	    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kb_reader') THEN
	        CREATE ROLE kb_reader LOGIN;
	    END IF;
	EXCEPTION
	    WHEN duplicate_object OR unique_violation THEN NULL;
	END
	$$;
	ALTER ROLE kb_reader SET default_transaction_read_only = on;
	DO $$
	BEGIN
	    EXECUTE format('GRANT CONNECT ON DATABASE %I TO kb_reader', current_database());
	END
	$$;
	GRANT USAGE ON SCHEMA public TO kb_reader;
	GRANT SELECT ON ALL TABLES IN SCHEMA public TO kb_reader;`

// GrantReader makes sure ReaderRole exists and may read, and only read, the database at
// ownerURL. Run it as the owner, after migrating.
func GrantReader(ctx context.Context, ownerURL string) error {
	conn, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		return fmt.Errorf("connect as owner to grant the reader role: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, grantReaderSQL); err != nil {
		return fmt.Errorf("grant the %s role read access (the owner needs CREATEROLE, or set READER_DATABASE_URL to a read-only role): %w", ReaderRole, err)
	}
	return nil
}
