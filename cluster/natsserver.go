package cluster

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// maxPayload is the largest message the embedded server takes: a document
// may be 16 MiB (searchd --max-doc-bytes) and grows when JSON escapes it.
const maxPayload = 32 << 20

// StartEmbedded runs the NATS server of c inside this process, with
// JetStream fsyncing every write before acknowledging it (sync_interval:
// always; NATS's default syncs every two minutes, so a power loss on a
// majority could lose acknowledged writes). It returns once the server
// accepts clients.
func StartEmbedded(c EmbeddedConfig, name string, log *slog.Logger) (*server.Server, error) {
	host, port, err := hostPort(c.Listen)
	if err != nil {
		return nil, fmt.Errorf("--nats-listen %q: %w", c.Listen, err)
	}
	opts := &server.Options{
		ServerName: name,
		Host:       host,
		Port:       port,
		JetStream:  true,
		StoreDir:   c.StoreDir,
		SyncAlways: true,
		MaxPayload: maxPayload,
		// The default, 1 MiB, would hold back a large write's messages.
		MaxPending: 2 * maxPayload,
		NoSigs:     true,
	}
	if c.ClusterListen != "" {
		ch, cp, err := hostPort(c.ClusterListen)
		if err != nil {
			return nil, fmt.Errorf("--nats-cluster %q: %w", c.ClusterListen, err)
		}
		opts.Cluster = server.ClusterOpts{Name: c.ClusterName, Host: ch, Port: cp}
		for _, r := range c.Routes {
			if !strings.Contains(r, "://") {
				r = "nats-route://" + r
			}
			u, err := url.Parse(r)
			if err != nil {
				return nil, fmt.Errorf("--nats-routes %q: %w", r, err)
			}
			opts.Routes = append(opts.Routes, u)
		}
	}
	s, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("embedded NATS server: %w", err)
	}
	s.SetLoggerV2(natsLogger{log.With("component", "nats")}, false, false, false)
	go s.Start()
	if !s.ReadyForConnections(30 * time.Second) {
		s.Shutdown()
		return nil, fmt.Errorf("embedded NATS server on %s: not ready within 30s", c.Listen)
	}
	return s, nil
}

func hostPort(addr string) (string, int, error) {
	h, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, err
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 0 || n > 65535 {
		return "", 0, fmt.Errorf("port %q is not a number 0..65535", p)
	}
	return h, n, nil
}

// natsLogger sends the NATS server's log to slog; its notices are info.
type natsLogger struct{ log *slog.Logger }

func (l natsLogger) Noticef(f string, v ...any) { l.log.Info(fmt.Sprintf(f, v...)) }
func (l natsLogger) Warnf(f string, v ...any)   { l.log.Warn(fmt.Sprintf(f, v...)) }
func (l natsLogger) Fatalf(f string, v ...any)  { l.log.Error(fmt.Sprintf(f, v...)) }
func (l natsLogger) Errorf(f string, v ...any)  { l.log.Error(fmt.Sprintf(f, v...)) }
func (l natsLogger) Debugf(f string, v ...any)  { l.log.Debug(fmt.Sprintf(f, v...)) }
func (l natsLogger) Tracef(f string, v ...any)  { l.log.Debug(fmt.Sprintf(f, v...)) }
