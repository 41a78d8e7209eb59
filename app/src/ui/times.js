// Shows every <time datetime> of the page in the reader's time zone and language: "just now",
// "5 minutes ago", "Yesterday 14:03", a weekday within a week, a date beyond it, and the full
// local time on hover. The server writes UTC (it does not know the zone); this script runs on
// every page, inline, and follows what the client or a live link adds later. It also keeps the
// zone in a cookie, so the server groups the sidebar by the reader's days.
(function () {
  var lang = document.documentElement.lang || undefined;
  var zone = String(-new Date().getTimezoneOffset());
  var kept = /(?:^|; )tz=([^;]*)/.exec(document.cookie);
  if (!kept || kept[1] !== zone) {
    document.cookie = 'tz=' + zone + '; path=/; max-age=31536000; samesite=lax';
  }
  var clock = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  var weekday = new Intl.DateTimeFormat(lang, { weekday: 'short' });
  var date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
  var full = new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'long' });
  var relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  var english = !lang || lang.indexOf('en') === 0;
  function day(d) {
    return Math.floor((d.getTime() - d.getTimezoneOffset() * 60000) / 86400000);
  }
  function label(at, now) {
    var seconds = (at - now) / 1000;
    var minutes = Math.round(seconds / 60);
    if (Math.abs(seconds) < 45) return english ? 'just now' : relative.format(0, 'second');
    if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
    var days = day(at) - day(now);
    if (Math.abs(days) <= 1) {
      var name = relative.format(days, 'day');
      return name.charAt(0).toUpperCase() + name.slice(1) + ' ' + clock.format(at);
    }
    if (Math.abs(days) < 7) return weekday.format(at) + ' ' + clock.format(at);
    return date.format(at);
  }
  function paint() {
    var now = new Date();
    var times = document.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      var el = times[i];
      var at = new Date(el.getAttribute('datetime'));
      if (isNaN(at.getTime())) continue;
      var text = label(at, now);
      // Only the text node's data changes: the client holds that node, and the markers beside
      // it that hydration walks by stay where they are.
      var node = el.firstChild;
      if (node && node.nodeType === 3 && node.data !== text) node.data = text;
      var title = full.format(at);
      if (el.title !== title) el.title = title;
    }
  }
  var queued = false;
  function soon() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () {
      queued = false;
      paint();
    });
  }
  new MutationObserver(soon).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  setInterval(paint, 30000);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', paint);
  else paint();
})();
