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
