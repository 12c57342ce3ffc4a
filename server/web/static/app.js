// Progressive enhancement for the search page. The server renders every state
// as plain HTML; this script only fetches the next page in the background,
// swaps the #app element, keeps the address bar in step (pushState/popstate),
// applies filters on click and offers a type-ahead over facet values.
(function () {
  'use strict';

  document.documentElement.classList.add('js');

  var inflight = null;

  function app() { return document.getElementById('app'); }

  // load fetches url and swaps the page in; push says whether it is a new
  // history entry (false when answering the back button).
  function load(url, push) {
    if (inflight) inflight.abort();
    var ctl = new AbortController();
    inflight = ctl;
    document.body.classList.add('loading');
    app().setAttribute('aria-busy', 'true');
    fetch(url, { signal: ctl.signal, headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (res) { return res.text(); })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var next = doc.getElementById('app');
        if (!next) throw new Error('no #app in response');
        if (push) history.pushState({ url: url }, '', url);
        // The phone's Filters panel stays open while filters are ticked.
        var was = document.getElementById('filters-open');
        var open = was && was.checked;
        app().replaceWith(document.importNode(next, true));
        var now = document.getElementById('filters-open');
        if (now && open) now.checked = true;
        document.title = doc.title;
        if (push && app().getBoundingClientRect().top < 0) window.scrollTo(0, 0);
      })
      .catch(function (err) {
        if (err && err.name === 'AbortError') return;
        // Fall back to an ordinary navigation, which shows any error page.
        window.location.assign(url);
      })
      .finally(function () {
        if (inflight !== ctl) return;
        inflight = null;
        document.body.classList.remove('loading');
        var a = app();
        if (a) a.removeAttribute('aria-busy');
      });
  }

  // formURL turns the search form, with the sidebar inputs tied to it by their
  // form attribute, into a URL without empty parameters.
  function formURL(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string' && value.trim() !== '') params.append(name, value);
    });
    var qs = params.toString();
    return qs ? '/?' + qs : '/';
  }

  function samePageLink(a) {
    var href = a.getAttribute('href');
    // SVG links have an object, not a string, as .target: read the attribute.
    if (!href || a.getAttribute('target') || a.hasAttribute('download')) return false;
    return href === '/' || href.indexOf('/?') === 0;
  }

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.id !== 'search') return;
    e.preventDefault();
    load(formURL(form), true);
  });

  document.addEventListener('change', function (e) {
    var el = e.target;
    if (el.form && el.form.id === 'search' && (el.type === 'checkbox' || el.id === 'sort')) {
      el.form.requestSubmit();
    }
  });

  document.addEventListener('click', function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target.closest && e.target.closest('a');
    if (!a || !samePageLink(a)) return;
    e.preventDefault();
    hideSuggest();
    load(a.getAttribute('href'), true);
  });

  window.addEventListener('popstate', function () {
    load(location.pathname + location.search, false);
  });

  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var q = document.getElementById('q');
    if (!q) return;
    e.preventDefault();
    q.focus();
    q.select();
  });

  // Type-ahead over people and parties, in either script.
  var suggestTimer = 0;
  var suggestSeq = 0;

  function hideSuggest() {
    var ul = document.getElementById('facet-suggest');
    if (ul) { ul.hidden = true; ul.textContent = ''; }
  }

  function withFilter(param, value) {
    var params = new URLSearchParams(location.search);
    params.delete('offset');
    if (params.getAll(param).indexOf(value) < 0) params.append(param, value);
    return '/?' + params.toString();
  }

  function showSuggest(items) {
    var ul = document.getElementById('facet-suggest');
    if (!ul) return;
    ul.textContent = '';
    if (items.length === 0) {
      var li = document.createElement('li');
      li.className = 'empty';
      li.textContent = 'No person or party by that name';
      ul.appendChild(li);
    }
    items.slice(0, 10).forEach(function (it) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = withFilter(it.param, it.value);
      a.setAttribute('role', 'option');
      var name = document.createElement('span');
      name.textContent = (it.label || it.value) + (it.label_hi ? ' · ' + it.label_hi : '');
      var kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = (it.param === 'party' ? 'party' : 'person') + ' · ' + it.count;
      a.appendChild(name);
      a.appendChild(kind);
      li.appendChild(a);
      ul.appendChild(li);
    });
    ul.hidden = false;
  }

  function suggest(prefix) {
    var seq = ++suggestSeq;
    if (prefix.trim() === '') { hideSuggest(); return; }
    var get = function (facet, param) {
      return fetch('/api/facets/' + facet + '?prefix=' + encodeURIComponent(prefix))
        .then(function (r) { return r.ok ? r.json() : { values: [] }; })
        .then(function (body) {
          return (body.values || []).map(function (v) { v.param = param; return v; });
        });
    };
    Promise.all([get('people', 'person'), get('parties', 'party')]).then(function (lists) {
      if (seq !== suggestSeq) return;
      var all = lists[0].concat(lists[1]);
      all.sort(function (a, b) { return b.count - a.count; });
      showSuggest(all);
    }).catch(hideSuggest);
  }

  document.addEventListener('input', function (e) {
    if (e.target.id !== 'facet-find') return;
    clearTimeout(suggestTimer);
    var value = e.target.value;
    suggestTimer = setTimeout(function () { suggest(value); }, 150);
  });

  document.addEventListener('keydown', function (e) {
    if (!e.target || e.target.id !== 'facet-find') return;
    if (e.key === 'Escape') { e.target.value = ''; hideSuggest(); return; }
    if (e.key === 'Enter') {
      e.preventDefault();
      var first = document.querySelector('#facet-suggest a');
      if (first) first.click();
    }
    if (e.key === 'ArrowDown') {
      var a = document.querySelector('#facet-suggest a');
      if (a) { e.preventDefault(); a.focus(); }
    }
  });
})();
