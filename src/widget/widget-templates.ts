import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The project-root `templates/` folder: two levels up both from the sources (src/widget, under
 * jest and ts-node) and from the build (dist/widget).
 */
export const TEMPLATES_DIR = resolve(__dirname, '..', '..', 'templates');

export type Render = (view: object) => string;

export interface WidgetTemplates {
  widget: Render;
  detail: Render;
  results: Render;
}

/**
 * Reads and parses the templates once, at start-up: a missing or broken template stops the
 * service instead of failing its first visitor. `strict` makes a misspelt field an error.
 */
export function loadWidgetTemplates(dir: string = TEMPLATES_DIR): WidgetTemplates {
  const handlebars = Handlebars.create();
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const compile = (name: string): Render => {
    const program = handlebars.parse(read(name));
    const template = handlebars.compile(program, { strict: true });
    return (view) => template(view);
  };
  for (const [name, file] of [['widgetFigureRow', 'widget-figure-row.hbs'], ['publicPageStyle', 'public-page-style.hbs'], ['resultsRow', 'results-row.hbs']]) {
    const partial = read(`partials/${file}`);
    handlebars.parse(partial);
    handlebars.registerPartial(name, partial);
  }
  return { widget: compile('widget.hbs'), detail: compile('widget-detail.hbs'), results: compile('results.hbs') };
}
