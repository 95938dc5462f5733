// Progressive enhancement only: every page reads fully without this script.
(function () {
  var root = document.documentElement;
  var toggle = document.querySelector('[data-a11y-toggle]');
  function apply(on) {
    root.classList.toggle('a11y', on);
    if (toggle) toggle.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  var stored = false;
  try { stored = localStorage.getItem('vitrina-a11y') === '1'; } catch (e) {}
  apply(stored || root.classList.contains('a11y'));
  if (toggle) {
    toggle.setAttribute('role', 'button');
    toggle.addEventListener('click', function (ev) {
      ev.preventDefault();
      var on = !root.classList.contains('a11y');
      apply(on);
      try { localStorage.setItem('vitrina-a11y', on ? '1' : '0'); } catch (e) {}
    });
    // role="button" promises activation with Space as well as Enter (a link only knows Enter).
    toggle.addEventListener('keydown', function (ev) {
      if (ev.key === ' ' || ev.key === 'Spacebar') { ev.preventDefault(); toggle.click(); }
    });
  }
  // A printed page cannot be clicked: print writes each link's full address after it (style.css).
  // The page's own address goes into the printed header; navigation links (menus, tabs, breadcrumbs)
  // are not printed with theirs.
  var printHeader = document.querySelector('.print-header');
  if (printHeader) printHeader.setAttribute('data-page-url', location.href);
  document.querySelectorAll('main a[href]:not(nav a):not(.breadcrumbs a)').forEach(function (a) {
    var href = a.getAttribute('href');
    if (href && href.charAt(0) !== '#' && a.textContent.trim() !== a.href) a.setAttribute('data-print-url', a.href);
  });
  // On a phone the programme's tabs are one row that scrolls sideways: show the current tab.
  var current = document.querySelector('.tabs [aria-current]');
  var row = current && current.closest('.tabs');
  if (row && row.scrollWidth > row.clientWidth) row.scrollLeft = current.offsetLeft - row.offsetLeft;
  // Measure table filters (status, year).
  var filters = document.querySelector('[data-filters]');
  if (filters) {
    filters.hidden = false;
    var selects = filters.querySelectorAll('select');
    var run = function () {
      var status = filters.querySelector('[data-filter=status]').value;
      var year = filters.querySelector('[data-filter=year]').value;
      document.querySelectorAll('table.measures tbody tr').forEach(function (tr) {
        var okS = !status || tr.getAttribute('data-status') === status;
        var years = (tr.getAttribute('data-years') || '').split(' ');
        var okY = !year || years.indexOf(year) >= 0;
        tr.hidden = !(okS && okY);
      });
    };
    selects.forEach(function (s) { s.addEventListener('change', run); });
  }
})();
