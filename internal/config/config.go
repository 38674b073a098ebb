// Package config reads the service's settings from the environment.
package config

import (
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"
)

// Config holds the settings of a run.
type Config struct {
	Addr            string        // ADDR: where the API listens
	DatabaseURL     string        // DATABASE_URL: empty means find or start a local PostgreSQL
	LogLevel        slog.Level    // LOG_LEVEL: debug, info, warn or error
	ShutdownTimeout time.Duration // SHUTDOWN_TIMEOUT: how long in-flight requests may take to finish
	AllowedOrigins  []string      // CORS_ALLOWED_ORIGINS: comma-separated browser origins, or *
	ReaderURL       string        // READER_DATABASE_URL: the read-only role's URL; derived when empty
	RatePerMinute   int           // RATE_LIMIT_PER_MINUTE: requests per client a minute; 0 is no limit
	PprofAddr       string        // PPROF_ADDR: a loopback address for pprof; empty is off
	RequestTimeout  time.Duration // REQUEST_TIMEOUT: how long a request may wait on the database
	// CONTENT_MAX_STALENESS: how long after a change of content the API may still serve the
	// content before it, while the database answers
	MaxStaleness time.Duration
	CacheBytes   int64 // CACHE_MAX_BYTES: memory for kept answers, keys and bodies counted
}

// Load reads the configuration through getenv, with defaults for what is unset.
func Load(getenv func(string) string) (Config, error) {
	cfg := Config{
		Addr:            ":8080",
		DatabaseURL:     getenv("DATABASE_URL"),
		LogLevel:        slog.LevelInfo,
		ShutdownTimeout: 10 * time.Second,
		RequestTimeout:  10 * time.Second,
		MaxStaleness:    time.Second,
		CacheBytes:      16 << 20,
	}
	if v := getenv("ADDR"); v != "" {
		cfg.Addr = v
	}
	if v := getenv("LOG_LEVEL"); v != "" {
		if err := cfg.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return Config{}, fmt.Errorf("LOG_LEVEL %q: want debug, info, warn or error", v)
		}
	}
	cfg.ReaderURL = getenv("READER_DATABASE_URL")
	if v := getenv("RATE_LIMIT_PER_MINUTE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return Config{}, fmt.Errorf("RATE_LIMIT_PER_MINUTE %q: want a whole number of requests, 0 for no limit", v)
		}
		cfg.RatePerMinute = n
	}
	if v := getenv("PPROF_ADDR"); v != "" {
		host, _, err := net.SplitHostPort(v)
		if ip := net.ParseIP(host); err != nil || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
			return Config{}, fmt.Errorf("PPROF_ADDR %q: want a loopback address such as 127.0.0.1:6060", v)
		}
		cfg.PprofAddr = v
	}
	for _, origin := range strings.Split(getenv("CORS_ALLOWED_ORIGINS"), ",") {
		if origin = strings.TrimSpace(origin); origin != "" {
			cfg.AllowedOrigins = append(cfg.AllowedOrigins, origin)
		}
	}
	if v := getenv("REQUEST_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return Config{}, fmt.Errorf("REQUEST_TIMEOUT %q: want a positive duration such as 10s", v)
		}
		cfg.RequestTimeout = d
	}
	if v := getenv("CONTENT_MAX_STALENESS"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 10*time.Millisecond {
			return Config{}, fmt.Errorf("CONTENT_MAX_STALENESS %q: want a duration of at least 10ms such as 1s", v)
		}
		cfg.MaxStaleness = d
	}
	if v := getenv("CACHE_MAX_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1<<20 {
			return Config{}, fmt.Errorf("CACHE_MAX_BYTES %q: want a whole number of bytes, at least 1048576", v)
		}
		cfg.CacheBytes = n
	}
	if v := getenv("SHUTDOWN_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return Config{}, fmt.Errorf("SHUTDOWN_TIMEOUT %q: want a positive duration such as 10s", v)
		}
		cfg.ShutdownTimeout = d
	}
	return cfg, nil
}
