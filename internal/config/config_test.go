package config

import (
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestLoad(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		cfg, err := Load(env(nil))
		require.NoError(t, err)
		assert.Equal(t, Config{Addr: ":8080", LogLevel: slog.LevelInfo, ShutdownTimeout: 10 * time.Second, RequestTimeout: 10 * time.Second,
			MaxStaleness: time.Second, CacheBytes: 16 << 20}, cfg)
	})
	t.Run("overrides", func(t *testing.T) {
		cfg, err := Load(env(map[string]string{
			"ADDR": "127.0.0.1:9000", "DATABASE_URL": "postgres://x@h/db", "LOG_LEVEL": "debug", "SHUTDOWN_TIMEOUT": "3s",
			"CORS_ALLOWED_ORIGINS": "https://a.example, https://b.example,", "READER_DATABASE_URL": "postgres://r@h/db",
			"RATE_LIMIT_PER_MINUTE": "600", "PPROF_ADDR": "127.0.0.1:6060", "REQUEST_TIMEOUT": "2s",
			"CONTENT_MAX_STALENESS": "250ms", "CACHE_MAX_BYTES": "8388608",
		}))
		require.NoError(t, err)
		assert.Equal(t, Config{Addr: "127.0.0.1:9000", DatabaseURL: "postgres://x@h/db", LogLevel: slog.LevelDebug,
			ShutdownTimeout: 3 * time.Second, AllowedOrigins: []string{"https://a.example", "https://b.example"},
			ReaderURL: "postgres://r@h/db", RatePerMinute: 600, PprofAddr: "127.0.0.1:6060", RequestTimeout: 2 * time.Second,
			MaxStaleness: 250 * time.Millisecond, CacheBytes: 8 << 20}, cfg)
	})
	for name, vars := range map[string]map[string]string{
		"bad log level":         {"LOG_LEVEL": "loud"},
		"bad shutdown timeout":  {"SHUTDOWN_TIMEOUT": "soon"},
		"negative timeout":      {"SHUTDOWN_TIMEOUT": "-1s"},
		"bad rate limit":        {"RATE_LIMIT_PER_MINUTE": "lots"},
		"bad request timeout":   {"REQUEST_TIMEOUT": "0s"},
		"negative rate limit":   {"RATE_LIMIT_PER_MINUTE": "-5"},
		"pprof off loopback":    {"PPROF_ADDR": "0.0.0.0:6060"},
		"pprof without port":    {"PPROF_ADDR": "127.0.0.1"},
		"staleness of zero":     {"CONTENT_MAX_STALENESS": "0s"},
		"staleness not a time":  {"CONTENT_MAX_STALENESS": "soon"},
		"cache bytes negative":  {"CACHE_MAX_BYTES": "-1"},
		"cache bytes with unit": {"CACHE_MAX_BYTES": "32MiB"},
		"cache bytes too few":   {"CACHE_MAX_BYTES": "1000"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Load(env(vars))
			assert.Error(t, err)
		})
	}
}
