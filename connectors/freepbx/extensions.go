package freepbx

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/httpx"
)

// Two forms of the extensions query. The resolver wraps its result in a
// "response" key, so on a real server the Relay pageInfo can come back null,
// or fail the whole query as a null where one is not allowed; the second form
// leaves it out and pages by count instead.
//
// Only extensionId, tech and the user's name and voicemail context are read.
// user.extPassword (the SIP secret) and user.password are never selected.
const (
	extensionsRelay = `query Extensions($first: Int, $after: String) {
  fetchAllExtensions(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    extension { extensionId tech user { name voicemail } }
  }
}`
	extensionsCounted = `query Extensions($first: Int, $after: String) {
  fetchAllExtensions(first: $first, after: $after) {
    totalCount
    extension { extensionId tech user { name voicemail } }
  }
}`
)

type extensionPage struct {
	FetchAllExtensions *struct {
		TotalCount int `json:"totalCount"`
		PageInfo   *struct {
			HasNextPage bool   `json:"hasNextPage"`
			EndCursor   string `json:"endCursor"`
		} `json:"pageInfo"`
		Extension []extensionNode `json:"extension"`
	} `json:"fetchAllExtensions"`
}

type extensionNode struct {
	ExtensionID string `json:"extensionId"`
	Tech        string `json:"tech"`
	User        *struct {
		Name      string `json:"name"`
		Voicemail string `json:"voicemail"`
	} `json:"user"`
}

// offsetCursor is the cursor graphql-relay-php's connectionFromArray gives the
// item at offset, so paging by count works when the server sends no cursors.
func offsetCursor(offset int) string {
	return base64.StdEncoding.EncodeToString([]byte("arrayconnection:" + strconv.Itoa(offset)))
}

// fetchExtensions reads every extension, page by page. It follows pageInfo
// when the server gives it, falls back to totalCount and the page size when it
// does not, and always stops on an empty page. A cursor that repeats, a page
// with nothing new while more are due, and more pages than the client's limit
// are errors: stopping quietly would pass off part of the list as all of it.
func (s *Source) fetchExtensions(ctx context.Context, progress func(connectors.Progress)) ([]extensionNode, error) {
	const step = "reading extensions"
	doc := extensionsRelay
	var out []extensionNode
	seen := map[string]bool{}
	after := ""
	pager := s.client.Pager(step, "extensions")
	for page := 0; ; page++ {
		if err := pager.Next(after); err != nil {
			return nil, err
		}
		vars := map[string]any{"first": s.opts.PageSize}
		if after != "" {
			vars["after"] = after
		}
		var p extensionPage
		err := s.query(ctx, step, doc, vars, &p)
		if err != nil && page == 0 && doc == extensionsRelay && fallbackWorthy(err) {
			doc = extensionsCounted
			err = s.query(ctx, step, doc, vars, &p)
		}
		if err != nil {
			return nil, err
		}
		conn := p.FetchAllExtensions
		if conn == nil || len(conn.Extension) == 0 {
			break
		}
		fresh := 0
		for _, e := range conn.Extension {
			if e.ExtensionID == "" || seen[e.ExtensionID] {
				continue
			}
			seen[e.ExtensionID] = true
			out = append(out, e)
			fresh++
		}
		if progress != nil {
			progress(connectors.Progress{Step: "extensions", Done: len(out), Total: conn.TotalCount})
		}
		if fresh == 0 {
			// The server ignored the cursor; going on would loop for ever.
			return nil, pager.NothingNew()
		}
		if pi := conn.PageInfo; pi != nil {
			if !pi.HasNextPage {
				break
			}
			after = pi.EndCursor
			if after == "" {
				after = offsetCursor(len(out) - 1)
			}
			continue
		}
		if (conn.TotalCount > 0 && len(out) >= conn.TotalCount) || len(conn.Extension) < s.opts.PageSize {
			break
		}
		after = offsetCursor(len(out) - 1)
	}
	return out, nil
}

// fallbackWorthy is true for the answers a server gives when it cannot resolve
// pageInfo: a GraphQL error, with HTTP 400 (FreePBX 16) or 200 (17).
func fallbackWorthy(err error) bool {
	var he *httpx.Error
	return errors.As(err, &he) && (errors.Is(err, errGraphQL) || he.Status == http.StatusBadRequest)
}

// noVoicemail is the context FreePBX gives a user without voicemail.
const noVoicemail = "novm"

func (e extensionNode) extension() inventory.Extension {
	x := inventory.Extension{Number: e.ExtensionID, Enabled: true, Type: inventory.ExtUser, MFA: inventory.MFAUnknown}
	if e.User != nil {
		x.Name = e.User.Name
	}
	return x
}

func (e extensionNode) hasVoicemail() bool {
	return e.User != nil && e.User.Voicemail != "" && e.User.Voicemail != noVoicemail
}
