#!/usr/bin/env python3
"""The same two documents as Benchmarks/Documents, made by python-docx and openpyxl, timed the
same way (best and median of repeated runs), so bench/run can put them side by side."""
import io
import json
import statistics
import sys
import time

import docx
import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side


def make_docx():
    d = docx.Document()
    d.add_heading("湖南省科协国际科技交流会议项目申报书", 0)
    for label, value in [("申报单位", "湖南鸿斯科技有限公司"), ("项目名称", "2025中德智能制造国际研讨会"),
                         ("项目期限", "2025年6月1日至2025年12月31日"), ("联系人", "王五"), ("联系电话", "13812345678")]:
        d.add_paragraph(f"{label}：{value}")
    d.add_page_break()
    d.add_heading("一、申报单位基本情况", 1)
    t = d.add_table(rows=0, cols=4)
    t.style = "Table Grid"
    for label, value in [("单位名称", "湖南鸿斯科技有限公司"), ("统一社会信用代码", "91430100MAE5UXKE2R"), ("项目负责人", "李明"),
                         ("职务/职称", "教授"), ("国际或区域科技合作交流基础", "与德国弗劳恩霍夫研究所合作十年，联合举办研讨会三次。" * 10)]:
        row = t.add_row().cells
        row[0].text, row[1].text = label, value
    d.add_heading("二、申报项目基本情况", 1)
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for label, value in [("合作单位名称", "Fraunhofer IPA（德国）"),
                         ("合作内容", "☑主办、承办国际或区域性科技交流与合作研讨会、报告会、交流会\n☐举办具有一定规模和影响力的学术论坛等高端国际科技交流活动\n☐其他"),
                         ("合作领域", "☑先进制造 ☐现代农业 ☐现代石化轻工纺织 ☐新能源 ☐新材料 ☐生物医药 ☐信息技术 ☐人工智能 ☐机器人 ☐生命工程 ☐其他"),
                         ("项目主要内容", "举办为期三天的国际研讨会，设主论坛与分论坛。" * 40)]:
        row = t.add_row().cells
        row[0].text, row[1].text = label, value
    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    t.rows[0].cells[0].text, t.rows[0].cells[1].text, t.rows[0].cells[2].text = "时间阶段", "经费预算（万元）", "目标内容"
    for r in [("2025年6月1日—2025年8月31日", "6", "筹备"), ("2025年9月1日—2025年12月31日", "9", "举办"), ("合计", "15", "")]:
        cells = t.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
    d.add_heading("三、申报单位承诺", 1)
    d.add_paragraph("我单位保证申报材料真实、合法，专项资金将按照财经法律法规和财经纪律要求规范使用。")
    d.add_heading("四、审查意见", 1)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def make_xlsx(rows=1000):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总表"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append(["湖南省科协国际与区域科技合作交流项目申报信息汇总表"])
    ws.merge_cells("A1:F1")
    ws["A1"].font = Font(bold=True, size=16)
    ws.append(["填报单位：长沙市科学技术协会（公章）"])
    ws.merge_cells("A2:F2")
    ws.append(["序号", "申报单位", "单位性质", "项目主要内容（300字以内）", "国际与区域科技合作交流基础（400字以内）", "合作单位"])
    wrap = Alignment(wrap_text=True, vertical="top")
    for i in range(1, rows + 1):
        ws.append([i, f"湖南第{i}科技有限公司", "企业", "项目主要内容" * 45, "合作交流基础" * 60, "Fraunhofer IPA（德国）"])
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.border = border
            cell.alignment = wrap
    for col, width in zip("ABCDEF", [6, 26, 10, 56, 64, 28]):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def timed(fn, budget=5.0, max_runs=200):
    samples = []
    start = time.perf_counter()
    while len(samples) < max_runs and time.perf_counter() - start < budget:
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return {"runs": len(samples), "p50_ms": statistics.median(samples), "min_ms": min(samples)}


if __name__ == "__main__":
    print(json.dumps({"python-docx": timed(make_docx), "openpyxl": timed(make_xlsx)}))
    sys.exit(0)
