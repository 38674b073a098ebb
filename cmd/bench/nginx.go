package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"text/template"
	"time"
)

// nginxPath is where Debian's nginx package installs the binary.
const nginxPath = "/usr/sbin/nginx"

// findNginx returns nginx's path. When it is missing and install is set and we run as root,
// it installs Debian's package; otherwise it says how to and fails.
func findNginx(ctx context.Context, install bool, w io.Writer) (string, error) {
	if path, err := exec.LookPath("nginx"); err == nil {
		return path, nil
	}
	if _, err := os.Stat(nginxPath); err == nil {
		return nginxPath, nil
	}
	howTo := "nginx is needed as the baseline: install it (Debian: apt-get install -y nginx) and run again"
	if !install || os.Geteuid() != 0 {
		return "", errors.New(howTo)
	}
	if _, err := exec.LookPath("apt-get"); err != nil {
		return "", errors.New(howTo)
	}
	fmt.Fprintln(w, "· nginx is missing: apt-get install -y nginx")
	aptInstall := func() ([]byte, error) {
		cmd := exec.CommandContext(ctx, "apt-get", "install", "-y", "--no-install-recommends", "nginx")
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		return cmd.CombinedOutput()
	}
	if _, err := aptInstall(); err != nil {
		// The package lists may be missing or stale on a fresh machine.
		if out, err := exec.CommandContext(ctx, "apt-get", "update").CombinedOutput(); err != nil {
			return "", fmt.Errorf("apt-get update: %w\n%s", err, out)
		}
		if out, err := aptInstall(); err != nil {
			return "", fmt.Errorf("apt-get install nginx: %w\n%s", err, out)
		}
	}
	// The package starts a system-wide nginx on port 80; the bench leaves that service as
	// the package set it up and runs its own instance on a spare loopback port.
	if _, err := os.Stat(nginxPath); err != nil {
		return "", fmt.Errorf("nginx installed but not at %s: %w", nginxPath, err)
	}
	return nginxPath, nil
}

// nginxVersion returns what nginx -v says, or "".
func nginxVersion(bin string) string {
	out, err := exec.Command(bin, "-v").CombinedOutput()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(out)), "nginx version: "))
}

// nginxConf is a throwaway configuration: loopback only, every path inside dir, no access
// log, the bodies served as application/json with ETags, and keep-alive connections that
// last the whole run, as the API's do. Run as root, its workers stay root too, since the
// default unprivileged user could not enter the bench's private temporary directory.
var nginxConf = template.Must(template.New("nginx.conf").Parse(`
worker_processes auto;
daemon off;
pid {{.Dir}}/nginx.pid;
error_log {{.Dir}}/error.log warn;
{{if .Root}}user root;{{end}}
events {
    worker_connections 4096;
}
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 120s;
    keepalive_requests 100000000;
    types {}
    default_type application/json;
    etag on;
    client_body_temp_path {{.Dir}}/client_body;
    proxy_temp_path {{.Dir}}/proxy;
    fastcgi_temp_path {{.Dir}}/fastcgi;
    uwsgi_temp_path {{.Dir}}/uwsgi;
    scgi_temp_path {{.Dir}}/scgi;
    server {
        listen {{.Addr}};
        root {{.Dir}}/www;
        location / {
        }
        # The API's gzip answers, served as they are, as precompressed files are.
        location /gz/ {
            add_header Content-Encoding gzip;
            add_header Vary Accept-Encoding;
        }
    }
}
`))

// nginxServer is nginx serving the mix's bodies as static files.
type nginxServer struct {
	proc *process
	base string
}

// startNginx writes each request's body to dir/www/<name> (dir/www/gz/<name> when the API
// sent it gzipped), starts nginx in the foreground on a
// free loopback port, waits until it serves, and registers its stop.
func startNginx(ctx context.Context, bin, dir string, mix []request, cleanup *cleanups) (*nginxServer, error) {
	www := filepath.Join(dir, "www")
	if err := os.MkdirAll(filepath.Join(www, "gz"), 0o755); err != nil {
		return nil, err
	}
	for _, req := range mix {
		if err := os.WriteFile(filepath.Join(www, staticPath(req)[1:]), req.body, 0o644); err != nil {
			return nil, err
		}
	}
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	conf := filepath.Join(dir, "nginx.conf")
	f, err := os.Create(conf)
	if err != nil {
		return nil, err
	}
	err = nginxConf.Execute(f, struct {
		Dir, Addr string
		Root      bool
	}{dir, addr, os.Geteuid() == 0})
	if err := errors.Join(err, f.Close()); err != nil {
		return nil, err
	}

	cmd := exec.Command(bin, "-p", dir, "-c", conf, "-e", filepath.Join(dir, "error.log"))
	log, err := os.Create(filepath.Join(dir, "stderr.log"))
	if err != nil {
		return nil, err
	}
	defer log.Close()
	cmd.Stdout, cmd.Stderr = log, log
	proc, err := startProcess("nginx on "+addr, cmd)
	if err != nil {
		return nil, err
	}
	// SIGQUIT would wait for keep-alive connections to close; SIGTERM stops at once.
	cleanup.add(fmt.Sprintf("stop nginx (pid %d)", proc.pid()), func(context.Context) error {
		return proc.stop(syscall.SIGTERM, 10*time.Second)
	})
	s := &nginxServer{proc: proc, base: "http://" + addr}
	err = waitFor(ctx, proc, 10*time.Second, func(ctx context.Context) error {
		_, err := get(ctx, s.base+staticPath(mix[0]), nil, http.StatusOK)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%w (%s; %s)", err, tail(filepath.Join(dir, "stderr.log"), 1000),
			tail(filepath.Join(dir, "error.log"), 1000))
	}
	return s, nil
}

// staticPath is where nginx serves req's body: /<name>, or /gz/<name> for a gzip answer.
func staticPath(req request) string {
	if req.encoding == "gzip" {
		return "/gz/" + req.name
	}
	return "/" + req.name
}

// mix returns the API's mix as nginx serves it: the same bytes, each checked to be identical
// as sent (a gzip row's compressed, with Content-Encoding: gzip), and the conditional GET with
// nginx's own ETag for the file, which nginx derives from its modification time and size and
// so differs from ours.
func (s *nginxServer) mix(ctx context.Context, api []request) ([]request, error) {
	out := make([]request, len(api))
	for i, req := range api {
		path := staticPath(req)
		got, err := get(ctx, s.base+path, req.header, http.StatusOK)
		if err != nil {
			return nil, err
		}
		if string(got.body) != string(req.body) || got.encoding != req.encoding {
			return nil, fmt.Errorf("nginx serves %d bytes (encoding %q) for %s, not the API's %d (%q)",
				len(got.body), got.encoding, req.name, len(req.body), req.encoding)
		}
		out[i] = request{name: req.name, path: path, expect: req.expect, body: req.body, encoding: req.encoding,
			conditional: req.conditional, header: req.header}
		if req.conditional {
			out[i].header = http.Header{"If-None-Match": {got.etag}}
			if _, err := get(ctx, s.base+out[i].path, out[i].header, req.expect); err != nil {
				return nil, fmt.Errorf("nginx's conditional GET: %w", err)
			}
		}
	}
	return out, nil
}
