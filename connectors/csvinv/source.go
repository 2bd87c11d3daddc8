package csvinv

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/tabular"
)

// Source imports a CSV file from disk each time it is fetched, so an edited
// spreadsheet is picked up on the next audit.
type Source struct {
	path string

	mu     sync.Mutex
	report tabular.Report
}

var (
	_ connectors.Source = (*Source)(nil)
	_ connectors.Tester = (*Source)(nil)
)

// New returns a source for the spreadsheet at path.
func New(path string) *Source { return &Source{path: path} }

// Name is the connector's short name.
func (s *Source) Name() string { return "csv" }

// Path is the file the source reads.
func (s *Source) Path() string { return s.path }

// Problems returns the rows the last Fetch left out, with their line numbers
// and reasons, for the caller to show next to the result.
func (s *Source) Problems() []RowError {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]RowError(nil), problems(s.report)...)
}

// Report is the account of the last Fetch: lines read, used and skipped.
func (s *Source) Report() tabular.Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	rep := s.report
	rep.Skips = slices.Clone(rep.Skips)
	return rep
}

// Fetch reads the whole file. Rows with problems are left out and reported by
// Problems; the error is for a file that cannot be read at all.
func (s *Source) Fetch(ctx context.Context, progress func(connectors.Progress)) (inventory.Inventory, error) {
	if err := ctx.Err(); err != nil {
		return inventory.Inventory{}, err
	}
	f, err := s.open()
	if err != nil {
		return inventory.Inventory{}, err
	}
	defer f.Close()
	inv, rep, err := read(ctx, f, filepath.Base(s.path), progress)
	if err != nil {
		return inventory.Inventory{}, err
	}
	s.mu.Lock()
	s.report = rep
	s.mu.Unlock()
	if progress != nil {
		progress(connectors.Progress{Step: "rows", Done: len(inv.Devices) + len(inv.Extensions), Total: len(inv.Devices) + len(inv.Extensions)})
	}
	return inv, nil
}

// Test reads the file and fails when it cannot be imported at all; a file
// whose rows all have problems fails too, since it would give an empty audit.
func (s *Source) Test(ctx context.Context) error {
	inv, err := s.Fetch(ctx, nil)
	if err != nil {
		return err
	}
	if len(inv.Devices) == 0 && len(inv.Extensions) == 0 {
		if p := s.Problems(); len(p) > 0 {
			return fmt.Errorf("None of the rows in %s could be used; the first problem is %s.", filepath.Base(s.path), p[0].Error())
		}
		return fmt.Errorf("%s has a header row but no devices or extensions under it.", filepath.Base(s.path))
	}
	return nil
}

func (s *Source) open() (*os.File, error) {
	if s.path == "" {
		return nil, errors.New("No inventory file was given. Choose the CSV file that lists your phones.")
	}
	info, err := os.Stat(s.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("The inventory file %s does not exist. Check the path, or export the spreadsheet again.", s.path)
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("Ringfence is not allowed to read %s. Check the file's permissions.", s.path)
	case err != nil:
		return nil, fmt.Errorf("Ringfence could not open %s (%v).", s.path, err)
	case info.IsDir():
		return nil, fmt.Errorf("%s is a folder, not a CSV file. Choose the file itself.", s.path)
	}
	f, err := os.Open(s.path)
	if err != nil {
		return nil, fmt.Errorf("Ringfence could not open %s (%v).", s.path, err)
	}
	return f, nil
}

func init() {
	connectors.Register(connectors.Kind{
		Name:  "csv",
		Title: "Spreadsheet inventory (CSV file)",
		LeastPrivilege: "No access to the phone system is needed: Ringfence only reads the CSV file you choose. " +
			"Export your phone list from a spreadsheet with a header row (Vendor, Model, Firmware, MAC, IP, Extension, Owner, E-mail, User agent, Type, Last seen) and save it as CSV.",
		Fields: []connectors.Field{{
			Key: "file", Label: "Inventory file (CSV)", Required: true,
			Help: "A spreadsheet of your phones saved as CSV, one phone or extension per row.",
		}},
		New: func(site checklist.Site, _ string) (connectors.Source, error) {
			if site.Connector.File == "" {
				return nil, fmt.Errorf("Site %q has no inventory file set. Give the CSV file with --file.", site.Name)
			}
			return New(site.Connector.File), nil
		},
	})
}
