import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Locale } from '../common/locale';
import { formatLocalDateTime, localDateOf } from '../common/local-time';
import { Index766Service, RankingAnswer, ScorecardAnswer } from '../index766/index766.service';
import { t, wordsOf } from '../i18n/i18n';
import { Unit } from '../units/unit.entity';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleScope, Scope } from './console-scope';
import { ConsoleGuard, ConsoleRequest } from './console.guard';
import { ConsoleViews } from './console-views';
import { pageUrl, periodText, unitPath, unitTree } from './dashboard-view';
import { TrendMonthPoints, periodChoice, periodName, periodRefusal, trendMonthKeys, trendSvg } from './index766-periods';
import { rankingRows, scorecardView } from './index766-view';
import { pageLang } from './work-pages.support';

type Page = 'scorecard' | 'ranking';
const PATHS: Record<Page, string> = { scorecard: '/admin/index766', ranking: '/admin/index766/ranking' };

/**
 * The Decision 766 scorecard of a unit and the ranking of the units directly below it, for any
 * account that may see the unit (its own unit and those below; an admin: all). The figures are
 * the scorecard API's own answers; the trend is twelve of them, one a month.
 */
@ApiExcludeController()
@Controller('admin/index766')
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleExceptionFilter)
export class Index766PagesController {
  constructor(
    private readonly views: ConsoleViews,
    private readonly scope: ConsoleScope,
    private readonly index766: Index766Service,
    private readonly clock: Clock,
  ) {}

  @Get()
  async scorecardPage(@Req() request: ConsoleRequest, @Res() response: Response, @Query('unit') unitQuery?: unknown, @Query('period') period?: unknown): Promise<void> {
    const lang = pageLang(request, response);
    const { scope, unit } = await this.unitOf(request, unitQuery);
    if (!unit) return this.sendEmpty(request, response, lang);
    let card: ScorecardAnswer;
    try {
      card = await this.index766.scorecard({ unitCode: unit.code, period, lang });
    } catch (error) {
      return this.sendRefusal(request, response, lang, 'scorecard', scope, unit, period, error);
    }
    const trend = trendSvg(await this.trendOf(unit.code, card.period.to, lang), lang);
    this.send(request, response, lang, 'index766', t(lang, 'scorecard.heading', { name: card.unit.name }), {
      ...this.frame('scorecard', scope, unit, card.period.label, lang),
      periodLine: `${periodName(card.period.label, lang)} · ${periodText(card.period, lang)}`,
      judgedLine: t(lang, 'scorecard.judgedAt', { at: formatLocalDateTime(new Date(card.judgedAt)) }),
      card: scorecardView(card, lang),
      trend,
      trendHeading: t(lang, 'scorecard.trend', { month: trend.rows[trend.rows.length - 1].label }),
    });
  }

  @Get('ranking')
  async rankingPage(@Req() request: ConsoleRequest, @Res() response: Response, @Query('unit') unitQuery?: unknown, @Query('period') period?: unknown): Promise<void> {
    const lang = pageLang(request, response);
    const { scope, unit } = await this.unitOf(request, unitQuery);
    if (!unit) return this.sendEmpty(request, response, lang);
    let answer: RankingAnswer;
    try {
      answer = await this.index766.ranking({ unitCode: unit.code, period, lang });
    } catch (error) {
      return this.sendRefusal(request, response, lang, 'ranking', scope, unit, period, error);
    }
    this.send(request, response, lang, 'index766-ranking', t(lang, 'scorecard.rankingHeading', { name: answer.unit.name }), {
      ...this.frame('ranking', scope, unit, answer.period.label, lang),
      periodLine: `${periodName(answer.period.label, lang)} · ${periodText(answer.period, lang)}`,
      judgedLine: t(lang, 'scorecard.judgedAt', { at: formatLocalDateTime(new Date(answer.judgedAt)) }),
      rows: rankingRows(answer, lang),
    });
  }

  private async unitOf(request: ConsoleRequest, unitQuery: unknown): Promise<{ scope: Scope; unit: Unit | null }> {
    const scope = await this.scope.of(request.staff);
    const unit = (await this.scope.chosenUnit(scope, unitQuery)) ?? (await this.scope.firstUnit(scope));
    return { scope, unit };
  }

  /** One scorecard a month; a month the service refuses (before the years it scores) is a gap like one without dossiers. */
  private async trendOf(unitCode: string, periodTo: string, lang: Locale): Promise<TrendMonthPoints[]> {
    const keys = trendMonthKeys(periodTo, localDateOf(this.clock.now()));
    return Promise.all(
      keys.map(async (key) => {
        try {
          const answer = await this.index766.scorecard({ unitCode, period: key, lang });
          return { key, points: answer.points, maxPoints: answer.maxPoints };
        } catch (error) {
          if (error instanceof DomainError && error.refusal === 'invalid') return { key, points: null, maxPoints: 0 };
          throw error;
        }
      }),
    );
  }

  /** What both pages show around their figures: the unit and period pickers, the way up the tree, the other page. */
  private frame(page: Page, scope: Scope, unit: Unit, period: string, lang: Locale): Record<string, unknown> {
    const path = unitPath(scope.nodes, unit.code);
    return {
      s: wordsOf(lang, 'scorecard'),
      page,
      action: PATHS[page],
      unit: { code: unit.code, name: unit.name },
      unitOptions: unitTree(scope.nodes).map((option) => ({ ...option, selected: option.code === unit.code })),
      periods: periodChoice(localDateOf(this.clock.now()), period, lang),
      breadcrumb: path.length > 1 ? path.map((node, i) => ({ name: node.name, url: i < path.length - 1 ? pageUrl(PATHS[page], { unit: node.code, period }) : null })) : null,
      scorecardUrl: pageUrl(PATHS.scorecard, { unit: unit.code, period }),
      rankingUrl: pageUrl(PATHS.ranking, { unit: unit.code, period }),
    };
  }

  /** A period the service refused: the same page with its pickers and the reason, status 400. */
  private sendRefusal(request: ConsoleRequest, response: Response, lang: Locale, page: Page, scope: Scope, unit: Unit, period: unknown, error: unknown): void {
    const refused = periodRefusal(error, period, lang);
    if (!refused) throw error;
    response.status(400);
    const heading = t(lang, page === 'scorecard' ? 'scorecard.heading' : 'scorecard.rankingHeading', { name: unit.name });
    this.send(request, response, lang, page === 'scorecard' ? 'index766' : 'index766-ranking', heading, { ...this.frame(page, scope, unit, typeof period === 'string' ? period : '', lang), refused });
  }

  private sendEmpty(request: ConsoleRequest, response: Response, lang: Locale): void {
    this.send(request, response, lang, 'index766', t(lang, 'console.index766'), { s: wordsOf(lang, 'scorecard'), empty: true });
  }

  private send(request: ConsoleRequest, response: Response, lang: Locale, template: string, heading: string, context: Record<string, unknown>): void {
    response.setHeader('Cache-Control', 'no-store');
    response.type('html').send(this.views.render(template, { ...context, heading }, { staff: request.staff, lang, title: heading, current: 'index766' }));
  }
}
