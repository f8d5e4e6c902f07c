/**
 * One chart of the dashboard: an ECharts drawing of a table of numbers, the same numbers as an HTML table (for
 * screen readers, keyboards and copying) and as a CSV download. The table is the chart's single source.
 */
import { download } from '../download.js';
import { element } from '../dom.js';
import { echarts, type ChartOption, type ECharts } from './echarts.js';

export interface Table {
  columns: string[];
  rows: (string | number)[][];
}

const csvCell = (cell: string | number): string => (typeof cell === 'number' || !/[",\n]/.test(cell) ? String(cell) : `"${cell.replaceAll('"', '""')}"`);

export function toCsv(table: Table): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

export class ChartPanel {
  readonly chart: ECharts;
  table: Table = { columns: [], rows: [] };
  private readonly tableView: HTMLTableElement;
  private readonly chartView: HTMLDivElement;
  private readonly toggle: HTMLButtonElement;
  private readonly note: HTMLParagraphElement;

  /** Adds a panel titled `title` to `parent`; `key` names its elements (`#chart-<key>`) and its CSV file. */
  constructor(parent: HTMLElement, readonly key: string, title: string, description: string) {
    const section = element('section');
    section.className = 'panel';
    section.id = `panel-${key}`;
    const heading = element('h2', title);
    heading.id = `title-${key}`;
    section.setAttribute('aria-labelledby', heading.id);
    this.toggle = element('button', 'Show table');
    this.toggle.type = 'button';
    this.toggle.className = 'toggle';
    this.toggle.setAttribute('aria-pressed', 'false');
    this.toggle.addEventListener('click', () => this.showTable(this.tableView.hidden));
    const csv = element('button', 'Download CSV');
    csv.type = 'button';
    csv.className = 'csv';
    csv.addEventListener('click', () => download(`${key}.csv`, new Blob([toCsv(this.table)], { type: 'text/csv' })));
    const tools = element('div');
    tools.className = 'tools';
    tools.append(this.toggle, csv);
    this.note = element('p', description);
    this.note.className = 'note';
    this.chartView = element('div');
    this.chartView.className = 'chart';
    this.chartView.id = `chart-${key}`;
    this.chartView.setAttribute('role', 'img');
    this.chartView.setAttribute('aria-label', `${title}: the numbers are in the table view`);
    this.tableView = element('table');
    this.tableView.id = `table-${key}`;
    this.tableView.hidden = true;
    const wrapper = element('div');
    wrapper.className = 'table-wrapper';
    wrapper.append(this.tableView);
    const header = element('div');
    header.className = 'panel-header';
    header.append(heading, tools);
    section.append(header, this.note, this.chartView, wrapper);
    parent.append(section);
    this.chart = echarts.init(this.chartView, undefined, { renderer: 'canvas' });
    // The grid settles its columns as panels are added, and a phone turns: follow the element's size.
    new ResizeObserver(() => this.chart.resize()).observe(this.chartView);
  }

  /** Draws new numbers: the chart from `option`, the table and the CSV from `table`. */
  update(table: Table, option: ChartOption, description?: string): void {
    this.table = table;
    if (description !== undefined) this.note.textContent = description;
    this.chart.setOption(option, { notMerge: true });
    const head = element('thead');
    const headRow = element('tr');
    for (const column of table.columns) {
      const cell = element('th', column);
      cell.scope = 'col';
      headRow.append(cell);
    }
    head.append(headRow);
    const body = element('tbody');
    for (const row of table.rows) {
      const line = element('tr');
      for (const cell of row) {
        const td = element('td', typeof cell === 'number' ? cell.toLocaleString('en') : cell);
        if (typeof cell === 'number') td.className = 'number';
        line.append(td);
      }
      body.append(line);
    }
    const caption = element('caption', this.note.textContent);
    this.tableView.replaceChildren(caption, head, body);
  }

  showTable(on: boolean): void {
    this.tableView.hidden = !on;
    this.chartView.hidden = on;
    this.toggle.textContent = on ? 'Show chart' : 'Show table';
    this.toggle.setAttribute('aria-pressed', String(on));
  }
}
