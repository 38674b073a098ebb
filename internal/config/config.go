// Package config reads the service's settings from the environment.
package config

import (
	"fmt"
	"log/slog"
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
}

// Load reads the configuration through getenv, with defaults for what is unset.
func Load(getenv func(string) string) (Config, error) {
	cfg := Config{
		Addr:            ":8080",
		DatabaseURL:     getenv("DATABASE_URL"),
		LogLevel:        slog.LevelInfo,
		ShutdownTimeout: 10 * time.Second,
	}
	if v := getenv("ADDR"); v != "" {
		cfg.Addr = v
	}
	if v := getenv("LOG_LEVEL"); v != "" {
		if err := cfg.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return Config{}, fmt.Errorf("LOG_LEVEL %q: want debug, info, warn or error", v)
		}
	}
	for _, origin := range strings.Split(getenv("CORS_ALLOWED_ORIGINS"), ",") {
		if origin = strings.TrimSpace(origin); origin != "" {
			cfg.AllowedOrigins = append(cfg.AllowedOrigins, origin)
		}
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
