// Follows a bulk export's progress; without this script the page's 刷新 button does the same.
(function () {
  "use strict";
  var box = document.getElementById("export");
  if (!box) { return; }
  function poll() {
    fetch(box.dataset.status, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        document.getElementById("export-progress").value = job.percent;
        var text = document.getElementById("export-text");
        if (job.status === "finished") {
          text.textContent = "已完成 " + job.done + "/" + job.total + "。";
          var link = document.getElementById("export-download");
          link.href = job.download;
          link.hidden = false;
        } else if (job.status === "failed") {
          text.textContent = job.message || "导出失败";
        } else {
          text.textContent = "正在生成 " + job.done + "/" + job.total + "……";
          setTimeout(poll, 1000);
        }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
