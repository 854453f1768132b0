/* Checker widget: form, URL query string, result and print record.
 *
 * Loaded (async, classic script) only by pages that hold a checker widget rendered by
 * macros/checker_widget.py. It adopts the module Web Worker (checker-worker.mjs) that the inline
 * script at the top of the page started (macros/checker_early.py), or starts it at once, so the
 * Python runtime is loading while the user reads and fills in the form.
 * All text shown to the user is Simplified Chinese; nothing is sent to any server.
 */
(function () {
  "use strict";
  if (window.__zhibuChecker) return; // several widgets on a page share one script and worker
  window.__zhibuChecker = true;

  var VERDICTS = {
    pass: { label: "符合规定", mark: "✓" },
    fail: { label: "不符合规定", mark: "✗" },
    warn: { label: "基本符合，需注意", mark: "!" },
    invalid: { label: "输入有误，请修改", mark: "?" },
  };
  var LEVELS = { pass: "符合", fail: "不符合", warn: "注意", info: "说明" };
  var STAGES = {
    loading: "正在载入检查程序……",
    runtime: "正在载入检查程序……",
    checkers: "正在载入检查规则……",
  };
  var STAGE_VALUE = { loading: 0, runtime: 1, checkers: 2, ready: 3 };

  // ---------------------------------------------------------------- helpers

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (attrs[k] === null || attrs[k] === undefined) continue;
        if (k === "text") el.textContent = attrs[k];
        else if (k === "className") el.className = attrs[k];
        else el.setAttribute(k, attrs[k]);
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return el;
  }

  // What the checkers accept too (checkers/_inputs.py): NFKC (full-width digits), thousands
  // separators, a trailing 元 on money. Only used for the quick check before Python runs.
  function normalizeNumber(s, money) {
    s = s.normalize ? s.normalize("NFKC") : s;
    s = s.replace(/\s+/g, "");
    if (money) s = s.replace(/元$/, "");
    return s.replace(/,/g, "");
  }

  // The first download, in bytes as the guide's server sends it and uncompressed: the build writes
  // both on the widget from the runtime files' sizes (macros/checker_widget.py), so it cannot go stale.
  function downloadNote(el) {
    var sent = Number(el.getAttribute("data-download"));
    var raw = Number(el.getAttribute("data-download-raw"));
    if (!(sent > 0)) return "";
    function mb(n) {
      return (n / 1e6).toFixed(1) + " MB";
    }
    var plain = raw > sent * 1.2 ? "（服务器未启用压缩时约 " + mb(raw) + "）" : "";
    return "首次打开需下载约 " + mb(sent) + plain + "，之后会快很多。";
  }

  function bound(v) {
    return v === undefined || v === null || v === "" ? null : Number(v);
  }

  // Returns "" if the value is acceptable for the declared input, else a Chinese message.
  function validate(spec, raw) {
    var label = spec.label;
    if (raw === "") return spec.required ? "请填写" + label + "。" : "";
    var v = raw;
    var type = spec.type;
    if (type === "integer" || type === "money") {
      v = normalizeNumber(raw, type === "money");
      if (type === "integer") v = v.replace(/\.0$/, "");
      var re = type === "integer" ? /^[+-]?\d+$/ : /^[+-]?(\d+(\.\d{0,2})?|\.\d{1,2})$/;
      if (!re.test(v)) {
        if (type === "money" && /^[+-]?\d*\.\d{3,}$/.test(v)) return label + "最多填到分（两位小数）。";
        return type === "integer" ? label + "请填写整数，只填数字。" : label + "请填写金额（元），如 76.50。";
      }
      var n = Number(v);
      var min = bound(spec.min);
      var max = bound(spec.max);
      if (n < 0 && (min === null || min >= 0)) return label + "不能是负数。";
      if (min !== null && n < min) return label + "不能小于 " + spec.min + "。";
      if (max !== null && n > max) return label + "不能大于 " + spec.max + "。";
      if (max === null && v.replace(/[^0-9]/g, "").length > 12) return label + "数字太大，请核对。";
    } else if (type === "date") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return label + "请填写有效日期。";
    }
    return "";
  }

  // The form sends what was typed (trimmed); the checker parses it.
  function cleaned(spec, raw) {
    return (raw || "").trim();
  }

  // rows <-> "张三:12,李四:9" (":" between cells, "," between rows, "\" escapes both)
  function escCell(s) {
    return s.replace(/\\/g, "\\\\").replace(/:/g, "\\:").replace(/,/g, "\\,");
  }
  function encodeRows(rows, columns) {
    return rows
      .map(function (row) {
        return columns
          .map(function (c) {
            return escCell(row[c.name] || "");
          })
          .join(":")
          .replace(/:+$/, "");
      })
      .join(",");
  }
  function decodeRows(text, columns) {
    var rows = [];
    var cells = [];
    var cur = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (ch === "\\" && i + 1 < text.length) {
        cur += text[++i];
      } else if (ch === ":") {
        cells.push(cur);
        cur = "";
      } else if (ch === ",") {
        cells.push(cur);
        rows.push(cells);
        cells = [];
        cur = "";
      } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
    return rows
      .filter(function (r) {
        return r.join("") !== "";
      })
      .map(function (r) {
        var row = {};
        columns.forEach(function (c, j) {
          row[c.name] = r[j] || "";
        });
        return row;
      });
  }

  function encodeQueryValue(v) {
    return encodeURIComponent(v).replace(/%3A/gi, ":").replace(/%2C/gi, ",");
  }

  function readableHref() {
    try {
      return decodeURI(location.href);
    } catch (e) {
      return location.href;
    }
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "年" + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }

  // ---------------------------------------------------------------- runtime (one worker per page)

  var runtime = {
    state: "loading", // loading | ready | failed
    stage: "loading",
    error: "",
    widgets: [],
    pending: {},
    seq: 0,
    started: Date.now(),
    worker: null,
  };

  // Module-worker support is detected while the real worker is constructed: a browser that
  // knows module workers reads the `type` option, an old one ignores it. (The usual probe,
  // new Worker("data:,", …), is refused by the site's Content-Security-Policy: worker-src 'self'.)
  function newModuleWorker(url) {
    var supported = false;
    var options = {
      get type() {
        supported = true;
        return "module";
      },
    };
    var worker = new Worker(url, options);
    if (!supported) {
      worker.terminate();
      return null;
    }
    return worker;
  }

  // The service worker keeps the runtime for offline use only after this (offline.mjs): storing
  // its files while the runtime starts would compete with it for the CPU.
  function settled() {
    if (window.__zhibuRuntimeSettled) return;
    window.__zhibuRuntimeSettled = true;
    document.dispatchEvent(new Event("zbc-runtime-settled"));
  }

  function fail(message) {
    settled();
    runtime.state = "failed";
    runtime.error = message;
    runtime.widgets.forEach(function (w) {
      w.renderStatus();
    });
  }

  function startRuntime(widgetEl) {
    if (runtime.worker || runtime.state === "failed") return;
    // Started by the inline script at the top of the page (macros/checker_early.py): take it over,
    // with the messages it sent meanwhile.
    var early = window.__zhibuEarlyWorker;
    if (early && early.worker && early.adopt) {
      runtime.worker = early.worker;
      window.__zhibuEarlyWorker = undefined;
      listen(early.worker);
      early.adopt().forEach(function (e) {
        if (e.type === "error") onWorkerError(e);
        else onWorkerMessage(e);
      });
      watchLoading();
      return;
    }
    if (location.protocol === "file:") {
      fail(
        "检查程序不能在直接双击打开的本地文件中运行。请通过网站服务器访问本页（网址以 http:// 或 https:// 开头）。" +
          "如果要在本机查看，可在网站文件夹中运行 python3 -m http.server 8000，再用浏览器打开 http://127.0.0.1:8000/ 。"
      );
      return;
    }
    var tooOld = "您的浏览器版本较旧，无法运行检查程序。请改用新版 Chrome、Edge、Firefox 或 Safari（国产浏览器请切换到“极速模式”）。";
    if (typeof Worker === "undefined" || typeof WebAssembly === "undefined") {
      fail(tooOld);
      return;
    }
    var base = new URL(widgetEl.getAttribute("data-base") || "./", location.href);
    var worker;
    try {
      worker = newModuleWorker(new URL(widgetEl.getAttribute("data-worker"), location.href));
    } catch (e) {
      fail("检查程序无法启动。" + String(e && e.message ? e.message : e));
      return;
    }
    if (worker === null) {
      fail(tooOld);
      return;
    }
    runtime.worker = worker;
    listen(worker);
    worker.postMessage({
      type: "init",
      indexURL: new URL(widgetEl.getAttribute("data-runtime"), location.href).href,
      zipURL: new URL(widgetEl.getAttribute("data-zip"), location.href).href,
      base: base.href,
      checkers: [widgetEl.getAttribute("data-checker")], // imported while the runtime starts
    });
    watchLoading();
  }

  function listen(worker) {
    worker.addEventListener("message", onWorkerMessage);
    worker.addEventListener("error", onWorkerError);
  }

  function onWorkerError(e) {
    if (runtime.state !== "ready") {
      fail(
        "检查程序载入失败。请刷新页面重试；如果仍然失败，请告知网站管理员：服务器可能缺少检查程序文件，" +
          "或没有把 .mjs 文件作为 JavaScript 提供。" + (e && e.message ? "（" + e.message + "）" : "")
      );
    }
  }

  function watchLoading() {
    var timer = setInterval(function () {
      if (runtime.state !== "loading") return clearInterval(timer);
      runtime.widgets.forEach(function (w) {
        w.renderStatus();
      });
    }, 1000);
  }

  function onWorkerMessage(event) {
    var msg = event.data || {};
    if (msg.type === "progress") {
      runtime.stage = msg.stage;
    } else if (msg.type === "ready") {
      runtime.state = "ready";
      runtime.stage = "ready";
      runtime.readyMs = msg.ms;
      window.__zhibuReady = performance.now();
      settled();
    } else if (msg.type === "failed") {
      fail(
        "检查程序载入失败，暂时无法检查。请刷新页面重试；如果仍然失败，请告知网站管理员" +
          "（服务器可能缺少检查程序文件，或 .mjs、.wasm 文件的类型设置不对）。技术信息：" + msg.message
      );
      return;
    } else if (msg.type === "result" || msg.type === "error") {
      var cb = runtime.pending[msg.id];
      delete runtime.pending[msg.id];
      if (cb) cb(msg);
      return;
    }
    runtime.widgets.forEach(function (w) {
      w.renderStatus();
      if (runtime.state === "ready") w.onReady();
    });
  }

  function runCheck(checker, data, cb) {
    var id = ++runtime.seq;
    runtime.pending[id] = cb;
    runtime.worker.postMessage({ type: "check", id: id, checker: checker, data: data });
  }

  // ---------------------------------------------------------------- widget

  function Widget(el) {
    this.el = el;
    this.spec = JSON.parse(el.querySelector(".zbc-spec").textContent);
    this.form = el.querySelector(".zbc-form");
    this.result = el.querySelector(".zbc-result");
    this.status = el.querySelector(".zbc-status");
    this.base = el.getAttribute("data-base") || "";
    this.download = downloadNote(el);
    this.inputs = {};
    this.submitted = false; // after the first check, results follow every change
    this.wanted = false; // a check waits for the runtime
    this.version = 0; // bumps on every change; late results of older versions are dropped
    this.rowCounter = 0;
    var self = this;
    this.spec.inputs.forEach(function (s) {
      self.inputs[s.name] = s;
    });

    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.submitted = true;
      self.update(true);
    });
    this.form.addEventListener("input", function () {
      self.changed();
    });
    this.form.addEventListener("change", function () {
      self.changed();
    });
    this.form.addEventListener("click", function (e) {
      var t = e.target;
      if (t.classList.contains("zbc-add")) self.addRow(t.closest(".zbc-rows"), null, true);
      else if (t.classList.contains("zbc-remove")) self.removeRow(t.closest(".zbc-row"));
    });
    el.querySelector(".zbc-clear").addEventListener("click", function () {
      self.clear();
    });

    this.pageDefaults();
    var filled = this.fromQuery();
    this.el.querySelectorAll(".zbc-rows").forEach(function (fs) {
      if (!fs.querySelector(".zbc-row")) self.addRow(fs, null, false);
    });
    this.renderStatus();
    if (filled) {
      // Opened from a shared link: show the widget now (the runtime is still loading), and the
      // verdict when it comes; the checker itself judges what the link holds.
      this.fromLink = true;
      this.submitted = true;
      this.el.scrollIntoView({ block: "start" });
      this.update(false);
    }
  }

  // Put a value from the URL into a control even when the control cannot hold it (an impossible
  // date in a date field, a value that is not one of a list's options): it is shown as it is, and
  // the checker's own message says what is wrong with it. Never dropped silently.
  function hold(input, v) {
    if (input.tagName === "SELECT") {
      if (v && !input.querySelector('option[value="' + CSS.escape(v) + '"]')) {
        var extra = document.createElement("option");
        extra.value = v;
        extra.textContent = v + "（网址中的值，不在选项中）";
        extra.setAttribute("data-zbc-foreign", "");
        input.appendChild(extra);
      }
      input.value = v;
      return;
    }
    input.value = v;
    if (v && input.value !== v && input.type === "date") {
      input.type = "text";
      input.setAttribute("data-zbc-was", "date");
      input.value = v;
    }
  }

  function unhold(root) {
    root.querySelectorAll("option[data-zbc-foreign]").forEach(function (o) {
      o.remove();
    });
    root.querySelectorAll('input[data-zbc-was="date"]').forEach(function (input) {
      input.type = "date";
      input.removeAttribute("data-zbc-was");
    });
  }

  Widget.prototype.field = function (name) {
    return this.form.querySelector('.zbc-field[data-name="' + name + '"]');
  };

  Widget.prototype.addRow = function (fieldset, values, focus) {
    var tpl = fieldset.querySelector(".zbc-row-template");
    var n = String(++this.rowCounter);
    var wrap = document.createElement("div");
    wrap.innerHTML = tpl.innerHTML.split("__N__").join(n);
    var row = wrap.firstElementChild;
    if (values) {
      row.querySelectorAll("[data-col]").forEach(function (input) {
        if (input.classList.contains("zbc-cell")) return;
        var v = values[input.getAttribute("data-col")];
        hold(input, v === undefined ? "" : v);
      });
    }
    fieldset.querySelector(".zbc-row-list").appendChild(row);
    this.numberRows(fieldset);
    if (focus) {
      var first = row.querySelector("input, select");
      if (first) first.focus();
      this.changed();
    }
  };

  Widget.prototype.removeRow = function (row) {
    var fieldset = row.closest(".zbc-rows");
    var next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    if (!fieldset.querySelector(".zbc-row")) this.addRow(fieldset, null, false);
    this.numberRows(fieldset);
    var target = next && next.isConnected ? next.querySelector("input, select") : fieldset.querySelector(".zbc-add");
    if (target) target.focus();
    this.changed();
  };

  Widget.prototype.numberRows = function (fieldset) {
    var label = this.inputs[fieldset.getAttribute("data-name")].label;
    fieldset.querySelectorAll(".zbc-row").forEach(function (row, i) {
      row.setAttribute("aria-label", label + " 第" + (i + 1) + "行");
      row.querySelector(".zbc-remove").setAttribute("aria-label", "删除第" + (i + 1) + "行");
    });
  };

  // Raw (trimmed) form values: {name: "text"} and {rowsName: [{col: "text"}]}
  Widget.prototype.values = function () {
    var self = this;
    var out = {};
    this.spec.inputs.forEach(function (s) {
      var f = self.field(s.name);
      if (s.type === "rows") {
        var rows = [];
        f.querySelectorAll(".zbc-row").forEach(function (row) {
          var r = {};
          var any = false;
          s.columns.forEach(function (c) {
            var input = row.querySelector('.zbc-cell[data-col="' + c.name + '"] [data-col]');
            r[c.name] = input ? input.value.trim() : "";
            // a cell left at its default (e.g. a yes/no select) does not make a row "filled in"
            if (r[c.name] !== "" && r[c.name] !== String(c.default == null ? "" : c.default)) any = true;
          });
          if (any) rows.push(r);
        });
        out[s.name] = rows;
      } else {
        var input = f.querySelector("[name]");
        out[s.name] = input ? input.value.trim() : "";
      }
    });
    return out;
  };

  // A checker embedded on several flow pages may preselect an input there (PAGE_DEFAULTS in the
  // checker module: e.g. the meeting checker on the 支委会 page starts at "支部委员会会议").
  Widget.prototype.pageDefaults = function () {
    var m = /\/flows\/([^/]+)\/?$/.exec(location.pathname.replace(/index\.html$/, ""));
    var own = m && this.spec.page_defaults ? this.spec.page_defaults[m[1]] : null;
    if (!own) return;
    var self = this;
    Object.keys(own).forEach(function (name) {
      var f = self.inputs[name] && self.field(name);
      var input = f && f.querySelector("[name]");
      if (!input) return;
      input.value = own[name];
      if (input.tagName === "SELECT") {
        input.querySelectorAll("option").forEach(function (o) {
          o.defaultSelected = o.value === own[name];
        });
      } else input.defaultValue = own[name];
    });
  };

  Widget.prototype.fromQuery = function () {
    var params = new URLSearchParams(location.search);
    var self = this;
    var mine = this.spec.inputs.some(function (s) {
      return params.has(s.name);
    });
    if (!mine) return false;
    this.spec.inputs.forEach(function (s) {
      var f = self.field(s.name);
      var v = params.get(s.name) || "";
      if (s.type === "rows") {
        f.querySelectorAll(".zbc-row").forEach(function (r) {
          r.remove();
        });
        decodeRows(v, s.columns).forEach(function (row) {
          self.addRow(f, row, false);
        });
      } else {
        hold(f.querySelector("[name]"), v);
      }
    });
    return true;
  };

  Widget.prototype.toQuery = function (values) {
    var self = this;
    var keep = [];
    new URLSearchParams(location.search).forEach(function (v, k) {
      if (!self.inputs[k]) keep.push(encodeURIComponent(k) + "=" + encodeQueryValue(v));
    });
    this.spec.inputs.forEach(function (s) {
      var v = s.type === "rows" ? encodeRows(values[s.name], s.columns) : values[s.name];
      if (v !== "") keep.push(encodeURIComponent(s.name) + "=" + encodeQueryValue(v));
    });
    var url = location.pathname + (keep.length ? "?" + keep.join("&") : "") + location.hash;
    try {
      history.replaceState(history.state, "", url);
    } catch (e) {
      /* some embedded browsers refuse; the check still works */
    }
  };

  // Client-side format checks; returns {data, errors: {field: [messages]}}
  Widget.prototype.collect = function (values) {
    var self = this;
    var data = {};
    var errors = {};
    function add(name, msg) {
      (errors[name] = errors[name] || []).push(msg);
    }
    this.spec.inputs.forEach(function (s) {
      if (s.type === "rows") {
        var rows = [];
        values[s.name].forEach(function (row, i) {
          var r = {};
          s.columns.forEach(function (c) {
            var v = cleaned(c, row[c.name]);
            var m = validate(c, v);
            if (m && !self.fromLink) add(s.name, "第" + (i + 1) + "行：" + m);
            if (v !== "") r[c.name] = v;
          });
          rows.push(r);
        });
        if (!rows.length && s.required) add(s.name, "请至少填写一行" + s.label + "。");
        if (rows.length) data[s.name] = rows;
      } else {
        var v = cleaned(s, values[s.name]);
        var input = self.field(s.name).querySelector("[name]");
        var m = input && input.validity && input.validity.badInput ? s.label + "请填写有效日期。" : validate(s, v);
        if (m && !self.fromLink) add(s.name, m);
        if (v !== "") data[s.name] = v;
      }
    });
    return { data: data, errors: errors };
  };

  Widget.prototype.showFieldErrors = function (errors) {
    var self = this;
    this.spec.inputs.forEach(function (s) {
      var f = self.field(s.name);
      var msg = f.querySelector(".zbc-msg");
      var list = errors[s.name] || [];
      msg.textContent = list.join(" ");
      f.classList.toggle("zbc-has-error", list.length > 0);
      f.querySelectorAll("input, select").forEach(function (input) {
        if (list.length) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      });
    });
  };

  Widget.prototype.changed = function () {
    var self = this;
    this.version++;
    var values = this.values();
    this.toQuery(values);
    if (!this.submitted) return;
    // Never leave a result on screen that no longer matches the form.
    this.hideResult();
    clearTimeout(this.timer);
    this.timer = setTimeout(function () {
      self.update(false);
    }, 250);
  };

  Widget.prototype.hideResult = function () {
    this.result.hidden = true;
    this.result.textContent = "";
    this.el.removeAttribute("data-verdict");
  };

  Widget.prototype.update = function (explicit) {
    clearTimeout(this.timer);
    var values = this.values();
    this.toQuery(values);
    var c = this.collect(values);
    this.showFieldErrors(c.errors);
    this.hideResult();
    var names = Object.keys(c.errors);
    if (names.length) {
      this.wanted = false;
      this.el.setAttribute("data-verdict", "form-invalid");
      if (explicit) {
        var first = this.field(names[0]).querySelector("[aria-invalid]");
        if (first) first.focus();
      }
      return;
    }
    this.wanted = true;
    this.pendingData = c.data;
    this.explicit = explicit;
    this.run();
  };

  Widget.prototype.onReady = function () {
    if (this.wanted) this.run();
  };

  Widget.prototype.run = function () {
    var self = this;
    if (runtime.state === "failed") return;
    if (runtime.state !== "ready") {
      this.renderStatus();
      return;
    }
    this.wanted = false;
    var version = this.version;
    runCheck(this.spec.name, this.pendingData, function (msg) {
      if (version !== self.version) return; // the form changed meanwhile
      if (msg.type === "error") {
        self.showCrash(msg.message);
        return;
      }
      var result = JSON.parse(msg.json);
      self.showResult(result);
    });
  };

  Widget.prototype.renderStatus = function () {
    var st = this.status;
    var text = st.querySelector(".zbc-status-text");
    var detail = st.querySelector(".zbc-status-detail");
    var bar = st.querySelector(".zbc-progress");
    st.setAttribute("data-state", runtime.state);
    if (runtime.state === "failed") {
      text.textContent = runtime.error;
      detail.textContent = "";
      bar.hidden = true;
    } else if (runtime.state === "ready") {
      text.textContent = "检查程序已就绪，全部在本机运行。";
      detail.textContent = "";
      bar.hidden = true;
    } else {
      var secs = Math.round((Date.now() - runtime.started) / 1000);
      var loadingRuntime = runtime.stage === "loading" || runtime.stage === "runtime" || !STAGES[runtime.stage];
      text.textContent = (STAGES[runtime.stage] || STAGES.loading) + (loadingRuntime ? this.download : "");
      bar.value = STAGE_VALUE[runtime.stage] || 0;
      var waiting = this.wanted ? "填写内容已收到，载入完成后自动检查。" : "可以先填写，载入完成后即可检查。";
      detail.textContent =
        "已用 " + secs + " 秒。" + waiting + (secs >= 40 ? "载入时间较长，请耐心等待；如长时间没有反应，请刷新页面。" : "");
    }
  };

  Widget.prototype.showCrash = function (message) {
    this.result.hidden = false;
    this.result.textContent = "";
    this.result.appendChild(
      h(
        "div",
        { className: "zbc-verdict", "data-verdict": "error" },
        h("p", { className: "zbc-verdict-label", text: "检查程序出错" }),
        h("p", { className: "zbc-summary", text: "检查程序未能处理这些输入。请核对输入，或告知网站管理员。" }),
        h("details", null, h("summary", { text: "技术信息" }), h("pre", { text: message }))
      )
    );
    this.el.setAttribute("data-verdict", "error");
  };

  Widget.prototype.ruleParts = function (rule) {
    var parts = [];
    if (!rule) return parts;
    if (rule.regulation || rule.article) {
      parts.push(h("span", { className: "zbc-basis", text: "依据：" + (rule.regulation || "") + (rule.article || "") }));
    }
    if (rule.flow && rule.node) {
      var step = rule.flow === this.spec.flow ? this.spec.steps[rule.node] : null;
      var href = this.base + "flows/" + encodeURIComponent(rule.flow) + "/#" + encodeURIComponent(rule.node);
      parts.push(
        h("a", { className: "zbc-step", href: href, text: step ? "流程步骤：" + step : "查看流程图中的相应步骤" })
      );
    }
    return parts;
  };

  Widget.prototype.showResult = function (r) {
    var self = this;
    var verdict = VERDICTS[r.verdict] ? r.verdict : "invalid";
    var box = this.result;
    box.textContent = "";

    box.appendChild(
      h(
        "div",
        { className: "zbc-record-head zbc-print-only" },
        h("p", { className: "zbc-record-title", text: "自助检查记录：" + this.spec.title }),
        h("p", { text: "检查日期：" + today() }),
        h("p", { text: "页面地址：" + readableHref() })
      )
    );
    // Inputs as filled in (print record; on screen the form shows them).
    var values = this.values();
    var table = h("table", { className: "zbc-inputs zbc-print-only" });
    table.appendChild(h("caption", { text: "填写内容" }));
    this.spec.inputs.forEach(function (s) {
      var v = values[s.name];
      var shown;
      if (s.type === "rows") {
        shown = v.length
          ? v
              .map(function (row) {
                return s.columns
                  .map(function (c) {
                    return c.label + " " + (row[c.name] || "—");
                  })
                  .join("，");
              })
              .join("；")
          : "（未填）";
      } else if (v === "") shown = "（未填）";
      else if (s.type === "choice" || s.type === "boolean") {
        var sel = self.field(s.name).querySelector("select");
        shown = sel.options[sel.selectedIndex].text;
      } else shown = v + (s.type === "money" ? " 元" : "");
      table.appendChild(h("tr", null, h("th", { scope: "row", text: s.label }), h("td", { text: shown })));
    });
    box.appendChild(table);

    var v = VERDICTS[verdict];
    var label = this.verdictLabel(r, verdict);
    box.appendChild(
      h(
        "div",
        { className: "zbc-verdict", "data-verdict": verdict },
        h(
          "p",
          { className: "zbc-verdict-label" },
          h("span", { className: "zbc-mark", "aria-hidden": "true", text: v.mark }),
          label
        ),
        h("p", { className: "zbc-summary", text: r.summary || "" })
      )
    );
    if (verdict !== "invalid") this.showAgenda(r, box);

    if (verdict === "invalid") {
      var errors = {};
      var loose = [];
      (r.errors || []).forEach(function (e) {
        var key = String(e.field || "").split(/[.[]/)[0];
        if (self.inputs[key]) (errors[key] = errors[key] || []).push(e.message);
        else loose.push(e.message);
      });
      this.showFieldErrors(errors);
      var ul = h("ul", { className: "zbc-errors" });
      (r.errors || []).forEach(function (e) {
        var key = String(e.field || "").split(/[.[]/)[0];
        var label = self.inputs[key] ? self.inputs[key].label + "：" : "";
        var message = String(e.message || "");
        ul.appendChild(h("li", { text: message.indexOf(label) === 0 ? message : label + message }));
      });
      if (ul.childNodes.length) box.appendChild(ul);
    }

    var findings = r.findings || [];
    if (findings.length) {
      box.appendChild(h("p", { className: "zbc-findings-title", text: "逐项说明" }));
      var ol = h("ol", { className: "zbc-findings" });
      findings.forEach(function (f) {
        var level = LEVELS[f.level] ? f.level : "info";
        var li = h(
          "li",
          { "data-level": level },
          h("span", { className: "zbc-level", text: LEVELS[level] }),
          h("span", { className: "zbc-message", text: f.message || "" })
        );
        if (f.fix) li.appendChild(h("p", { className: "zbc-fix", text: "如何纠正：" + f.fix }));
        var rule = self.ruleParts(f.rule);
        if (rule.length) {
          var p = h("p", { className: "zbc-rule" });
          rule.forEach(function (part, i) {
            if (i) p.appendChild(document.createTextNode(" · "));
            p.appendChild(part);
          });
          li.appendChild(p);
        }
        ol.appendChild(li);
      });
      box.appendChild(ol);
    }

    // Basis: every regulation and article the findings rest on (print record).
    var seen = {};
    var basis = h("ul", { className: "zbc-basis-list" });
    findings.forEach(function (f) {
      var rule = f.rule || {};
      var text = (rule.regulation || "") + (rule.article || "");
      if (text && !seen[text]) {
        seen[text] = true;
        basis.appendChild(h("li", { text: text }));
      }
    });
    if (basis.childNodes.length) {
      box.appendChild(
        h("div", { className: "zbc-basis-block zbc-print-only" }, h("p", { className: "zbc-findings-title", text: "依据" }), basis)
      );
    }

    box.appendChild(
      h(
        "p",
        { className: "zbc-note" },
        "本结果由网页根据填写内容自动生成，供对照自查，不代替上级党组织的审核意见。"
      )
    );
    var actions = h("div", { className: "zbc-result-actions zbc-screen-only" });
    var printBtn = h("button", { type: "button", className: "md-button zbc-print", text: "打印检查结果" });
    printBtn.addEventListener("click", function () {
      self.print();
    });
    actions.appendChild(printBtn);
    box.appendChild(actions);

    box.hidden = false;
    this.el.setAttribute("data-verdict", verdict);
    var summary = r.summary || "";
    this.say(summary.indexOf(label) === 0 ? summary : label + "。" + summary);
    this.announceResult(r, verdict, values);
    if (window.__zhibuFirstVerdict === undefined) window.__zhibuFirstVerdict = performance.now();
    if (this.fromLink) {
      // A shared link: the verdict is the first thing the reader sees.
      this.fromLink = false;
      this.explicit = false;
      box.focus({ preventScroll: true });
      box.querySelector(".zbc-verdict").scrollIntoView({ block: "start" });
    } else if (this.explicit) {
      this.explicit = false;
      box.focus({ preventScroll: true });
      box.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  };

  // The verdict in words: the checker's own (result.verdict_label, or the module's VERDICT_LABELS
  // for a calculation, e.g. dues "计算结果"), else the generic one.
  Widget.prototype.verdictLabel = function (r, verdict) {
    if (verdict !== "invalid" && typeof r.verdict_label === "string" && r.verdict_label) return r.verdict_label;
    var own = (this.spec.verdict_labels || {})[verdict];
    return own || "结论：" + VERDICTS[verdict].label;
  };

  // Announced by screen readers (the live region exists from the start, so changes are read).
  Widget.prototype.say = function (text) {
    var live = this.el.querySelector(".zbc-announce");
    if (!live) return;
    live.textContent = "";
    setTimeout(function () {
      live.textContent = text;
    }, 50);
  };

  // Dates a checker computed (result.calendar), with 下载日历 (.ics) and 复制文字 (result.ics,
  // result.share_text): downloads often fail inside chat apps, so the text is there to copy too.
  Widget.prototype.showAgenda = function (r, box) {
    var self = this;
    var items = Array.isArray(r.calendar) ? r.calendar : [];
    if (!items.length && !r.share_text) return;
    var block = h("div", { className: "zbc-agenda" });
    if (items.length) {
      block.appendChild(h("p", { className: "zbc-findings-title", text: "时间节点" }));
      var ul = h("ul", { className: "zbc-dates" });
      items.forEach(function (item) {
        var d = String(item.date || "").split("-");
        var shown = d.length === 3 ? Number(d[0]) + "年" + Number(d[1]) + "月" + Number(d[2]) + "日" : item.date;
        ul.appendChild(
          h("li", null, h("time", { datetime: item.date, className: "zbc-date", text: shown }), " " + (item.title || ""))
        );
      });
      block.appendChild(ul);
    }
    var actions = h("div", { className: "zbc-agenda-actions zbc-screen-only" });
    var status = h("p", { className: "zbc-copy-status zbc-screen-only", role: "status" });
    block.appendChild(actions);
    block.appendChild(status);
    if (r.ics) {
      var download = h("button", { type: "button", className: "md-button zbc-ics", text: "下载日历（.ics）" });
      download.addEventListener("click", function () {
        var blob = new Blob([r.ics], { type: "text/calendar;charset=utf-8" });
        var url = URL.createObjectURL(blob);
        var a = h("a", { href: url, download: self.spec.title + ".ics" });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () {
          URL.revokeObjectURL(url);
        }, 10000);
        status.textContent = "已生成日历文件。如果没有下载（有的聊天软件里不能下载），请用“复制文字”。";
      });
      actions.appendChild(download);
    }
    if (r.share_text) {
      var text = h("textarea", { className: "zbc-share-text", readonly: "readonly", rows: "8", "aria-label": "要复制的文字" });
      text.value = r.share_text;
      var copy = h("button", { type: "button", className: "md-button zbc-copy", text: "复制文字" });
      copy.addEventListener("click", function () {
        self.copyText(r.share_text, text, status);
      });
      actions.appendChild(copy);
      block.appendChild(h("details", { className: "zbc-share zbc-screen-only" }, h("summary", { text: "查看要复制的文字" }), text));
    }
    box.appendChild(block);
  };

  Widget.prototype.copyText = function (value, textarea, status) {
    var done = function () {
      status.textContent = "已复制，可以粘贴到聊天或文档中。";
    };
    var fallback = function () {
      var details = textarea.closest("details");
      if (details) details.open = true;
      textarea.focus();
      textarea.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      if (ok) done();
      else status.textContent = "浏览器不允许自动复制：文字已选中，请长按或按 Ctrl+C 复制。";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(value).then(done, fallback);
    } else fallback();
  };

  // Tells the rest of the page (e.g. self-check records) about every verdict. Stable interface,
  // documented in checkers/README.md ("zb:checker-result").
  Widget.prototype.announceResult = function (r, verdict, values) {
    var inputs = {};
    this.spec.inputs.forEach(function (s) {
      var v = values[s.name];
      if (s.type === "rows" ? v && v.length : v !== "" && v !== undefined) inputs[s.name] = v;
    });
    var d = new Date();
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    var detail = {
      checker: this.spec.name,
      title: this.spec.title,
      verdict: verdict,
      summary: r.summary || "",
      inputs: inputs,
      href: location.href,
      date: d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()),
    };
    var announce = function () {
      try {
        document.dispatchEvent(new CustomEvent("zb:checker-result", { detail: detail }));
      } catch (e) {
        /* a listener's error must not break the widget */
      }
    };
    // A verdict can come while the page is still loading (the widget starts as soon as it is
    // parsed); the page's modules that listen (checker-results.mjs) run before DOMContentLoaded.
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", announce);
    else announce();
  };

  Widget.prototype.print = function () {
    document.body.classList.add("zbc-printing");
    this.el.classList.add("zbc-print-target");
    var self = this;
    var done = function () {
      document.body.classList.remove("zbc-printing");
      self.el.classList.remove("zbc-print-target");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  };

  Widget.prototype.clear = function () {
    var self = this;
    unhold(this.form);
    this.form.reset();
    this.el.querySelectorAll(".zbc-rows").forEach(function (fs) {
      fs.querySelectorAll(".zbc-row").forEach(function (r) {
        r.remove();
      });
      self.addRow(fs, null, false);
    });
    this.submitted = false;
    this.wanted = false;
    this.version++;
    this.showFieldErrors({});
    this.hideResult();
    this.toQuery(this.values());
    this.renderStatus();
    var first = this.form.querySelector("input, select");
    if (first) first.focus();
  };

  // ---------------------------------------------------------------- start

  function setup(el) {
    if (el.__zbWidget) return;
    var w = new Widget(el);
    el.__zbWidget = w;
    runtime.widgets.push(w);
    w.renderStatus();
  }

  // Calls fn once el has been parsed to its end (a node follows it), or at DOMContentLoaded: a
  // widget opened from a link asks for its verdict without waiting for the rest of the page.
  function whenParsed(el, fn) {
    var done = false;
    var run = function () {
      if (!done) {
        done = true;
        fn(el);
      }
    };
    if (document.readyState !== "loading" || el.nextSibling) return run();
    document.addEventListener("DOMContentLoaded", run);
    if (!window.MutationObserver || !el.parentNode) return;
    var observer = new MutationObserver(function () {
      if (el.nextSibling) {
        observer.disconnect();
        run();
      }
    });
    observer.observe(el.parentNode, { childList: true });
    document.addEventListener("DOMContentLoaded", function () {
      observer.disconnect();
    });
  }

  function init() {
    var els = document.querySelectorAll(".zbc-checker");
    if (els.length) startRuntime(els[0]);
    els.forEach(setup);
  }

  // Start the runtime as soon as this (async) script runs: it sits just inside the widget's element
  // (which carries the runtime's addresses), so the worker is already loading while the rest of
  // the page is parsed; each widget is built as soon as its own markup is complete.
  var first = document.querySelector(".zbc-checker");
  if (first) {
    startRuntime(first);
    whenParsed(first, setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
