package server

import (
	"net/url"
	"slices"
	"strconv"
)

// links builds the URLs of the page's links from the current parameters, so
// every link keeps the rest of the state and a shared URL reproduces the page.
type links struct{ v url.Values }

// with returns "/?" plus the current parameters changed by edit; any change
// other than paging goes back to the first page.
func (l links) with(edit func(url.Values)) string {
	u := make(url.Values, len(l.v))
	for k, vs := range l.v {
		u[k] = slices.Clone(vs)
	}
	u.Del("offset")
	edit(u)
	if len(u) == 0 {
		return "/"
	}
	return "/?" + u.Encode()
}

func (l links) toggle(param, value string) string {
	return l.with(func(u url.Values) {
		vs := u[param]
		if i := slices.Index(vs, value); i >= 0 {
			u[param] = slices.Delete(vs, i, i+1)
			return
		}
		u[param] = append(vs, value)
	})
}

func (l links) page(offset int) string {
	return l.with(func(u url.Values) {
		if offset > 0 {
			u.Set("offset", strconv.Itoa(offset))
		}
	})
}

// elsewhere returns path with the current search's parameters, without the
// page's own (offset, size), and with extra key, value pairs: the export and
// feed links, which list every match or the newest whatever page is shown.
func (l links) elsewhere(path string, extra ...string) string {
	u := make(url.Values, len(l.v))
	for k, vs := range l.v {
		if k != "offset" && k != "size" {
			u[k] = slices.Clone(vs)
		}
	}
	for i := 0; i+1 < len(extra); i += 2 {
		u.Set(extra[i], extra[i+1])
	}
	if len(u) == 0 {
		return path
	}
	return path + "?" + u.Encode()
}
