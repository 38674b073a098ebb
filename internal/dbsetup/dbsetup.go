// Package dbsetup finds a PostgreSQL server for the service and its tests, starting a
// private one from the local PostgreSQL binaries when no other is reachable.
package dbsetup

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// LocalURL is the server the resolution tries after DATABASE_URL.
const LocalURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// PrivatePort is where the private cluster listens, on loopback only.
const PrivatePort = 54329

// ErrNoPostgres reports that no server could be found or started; its text says how to get one.
var ErrNoPostgres = errors.New(`no PostgreSQL server found: set DATABASE_URL, ` +
	`or start one with "docker compose up -d db", ` +
	`or install your distribution's postgresql package (Debian: apt-get install postgresql) ` +
	`so that a private cluster can be started under .data/`)

// Server is a resolved PostgreSQL server.
type Server struct {
	// URL connects to it: the configured database when Explicit, else the maintenance database.
	URL string
	// Explicit is true when URL came from DATABASE_URL and so names the database to use as is.
	Explicit bool
}

// Resolve returns, in order: DATABASE_URL when set; the server at 127.0.0.1:5432 as user
// postgres when it answers; a private cluster under dataDir, started if need be. It returns
// an error wrapping ErrNoPostgres when none of these is possible.
func Resolve(ctx context.Context, databaseURL, dataDir string, log *slog.Logger) (Server, error) {
	if databaseURL != "" {
		return Server{URL: databaseURL, Explicit: true}, nil
	}
	if Ping(ctx, LocalURL) == nil {
		log.Debug("using the PostgreSQL server on 127.0.0.1:5432")
		return Server{URL: LocalURL}, nil
	}
	bin, err := Binaries()
	if err != nil {
		return Server{}, err
	}
	cluster := Cluster{Dir: filepath.Join(dataDir, "pg"), Port: PrivatePort, Bin: bin}
	log.Info("starting a private PostgreSQL cluster", "dir", cluster.Dir, "port", cluster.Port)
	if err := cluster.Start(ctx); err != nil {
		return Server{}, err
	}
	return Server{URL: cluster.URL()}, nil
}

// Ping connects to url and reports whether the server answers within two seconds.
func Ping(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return conn.Ping(ctx)
}

// EnsureDatabase creates the database name on the server unless it exists, and returns its URL.
func EnsureDatabase(ctx context.Context, serverURL, name string) (string, error) {
	conn, err := pgx.Connect(ctx, serverURL)
	if err != nil {
		return "", fmt.Errorf("connect to %s: %w", redact(serverURL), err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", fmt.Errorf("look up database %q: %w", name, err)
	}
	if !exists {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
			return "", fmt.Errorf("create database %q: %w", name, err)
		}
	}
	return WithDatabase(serverURL, name)
}

// WithDatabase returns serverURL with its database replaced by name.
func WithDatabase(serverURL, name string) (string, error) {
	u, err := url.Parse(serverURL)
	if err != nil {
		return "", fmt.Errorf("parse database URL: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

// WithUser returns serverURL connecting as user, without a password: for local servers that
// trust their loopback clients, as the defaults here do.
func WithUser(serverURL, user string) (string, error) {
	u, err := url.Parse(serverURL)
	if err != nil {
		return "", fmt.Errorf("parse database URL: %w", err)
	}
	u.User = url.User(user)
	return u.String(), nil
}

// redact drops the password from a URL for messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the database URL"
	}
	return u.Redacted()
}

// RepoRoot walks up from the working directory to the directory holding go.mod: the project's
// root, under which the private cluster's .data/ lives for every command and test.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory: run from the repository")
		}
		dir = parent
	}
}

// Binaries returns the directory holding pg_ctl and initdb: from PATH, else the newest
// version under /usr/lib/postgresql, where Debian installs them off PATH; ErrNoPostgres if none.
func Binaries() (string, error) {
	if path, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(path), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return versionOf(b) - versionOf(a) })
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
			return dir, nil
		}
	}
	return "", ErrNoPostgres
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// Cluster is a private PostgreSQL cluster in Dir, listening on 127.0.0.1:Port with trust auth.
type Cluster struct {
	Dir  string
	Port int
	Bin  string // directory of initdb and pg_ctl
}

// URL connects to the cluster's maintenance database.
func (c Cluster) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.Port)
}

// Start initialises the cluster if Dir holds none and starts it unless it is running.
// Concurrent callers (parallel test binaries) wait for each other on a lock file.
func (c Cluster) Start(ctx context.Context) error {
	parent := filepath.Dir(c.Dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", parent, err)
	}
	unlock, err := lockFile(filepath.Join(parent, "cluster.lock"))
	if err != nil {
		return err
	}
	defer unlock()

	if Ping(ctx, c.URL()) == nil {
		return nil
	}
	owner, err := clusterOwner()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(c.Dir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(c.Dir, 0o700); err != nil {
			return fmt.Errorf("create %s: %w", c.Dir, err)
		}
		if err := owner.chown(c.Dir); err != nil {
			return err
		}
		if err := c.run(ctx, owner, "initdb", "-D", c.Dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"); err != nil {
			return err
		}
	}
	logFile := filepath.Join(parent, "pg.log")
	if err := touch(logFile, owner); err != nil {
		return err
	}
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -c unix_socket_directories=''", c.Port)
	if err := c.run(ctx, owner, "pg_ctl", "-D", c.Dir, "-l", logFile, "-o", opts, "-w", "-t", "60", "start"); err != nil {
		return fmt.Errorf("%w (see %s)", err, logFile)
	}
	return Ping(ctx, c.URL())
}

// Stop shuts the cluster down, waiting for it to exit.
func (c Cluster) Stop(ctx context.Context) error {
	owner, err := clusterOwner()
	if err != nil {
		return err
	}
	return c.run(ctx, owner, "pg_ctl", "-D", c.Dir, "-m", "fast", "-w", "stop")
}

// Replicate makes dir a streaming hot standby of c, which must be running: a base backup with
// the WAL streamed along and the settings to follow c written in. The standby listens on port
// once started with Start.
func (c Cluster) Replicate(ctx context.Context, dir string, port int) (Cluster, error) {
	owner, err := clusterOwner()
	if err != nil {
		return Cluster{}, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Cluster{}, fmt.Errorf("create %s: %w", dir, err)
	}
	if err := owner.chown(dir); err != nil {
		return Cluster{}, err
	}
	// Bin may hold only links to pg_ctl and initdb; pg_basebackup is beside their targets.
	bin := c.Bin
	if ctl, err := filepath.EvalSymlinks(filepath.Join(c.Bin, "pg_ctl")); err == nil {
		bin = filepath.Dir(ctl)
	}
	backup := Cluster{Dir: c.Dir, Port: c.Port, Bin: bin}
	err = backup.run(ctx, owner, "pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(c.Port), "-U", "postgres",
		"-D", dir, "--wal-method=stream", "--write-recovery-conf", "--checkpoint=fast")
	if err != nil {
		return Cluster{}, err
	}
	return Cluster{Dir: dir, Port: port, Bin: c.Bin}, nil
}

func (c Cluster) run(ctx context.Context, owner osUser, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, filepath.Join(c.Bin, name), args...)
	cmd.SysProcAttr = owner.procAttr()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %w: %s", name, err, out)
	}
	return nil
}

// osUser is the account that owns and runs the private cluster.
type osUser struct {
	uid, gid int
	switchTo bool
}

// clusterOwner returns the current user, or an unprivileged one when running as root,
// because initdb and postgres refuse to run as root.
func clusterOwner() (osUser, error) {
	if os.Geteuid() != 0 {
		return osUser{uid: os.Getuid(), gid: os.Getgid()}, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return osUser{uid: uid, gid: gid, switchTo: true}, nil
	}
	return osUser{}, errors.New("running as root and no unprivileged user (postgres or nobody) exists to run PostgreSQL")
}

func (u osUser) procAttr() *syscall.SysProcAttr {
	if !u.switchTo {
		return nil
	}
	return &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(u.uid), Gid: uint32(u.gid)}}
}

func (u osUser) chown(path string) error {
	if !u.switchTo {
		return nil
	}
	if err := os.Chown(path, u.uid, u.gid); err != nil {
		return fmt.Errorf("hand %s to the cluster's user: %w", path, err)
	}
	return nil
}

func touch(path string, owner osUser) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	return owner.chown(path)
}

// lockFile takes an exclusive lock on path and returns its release.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}
