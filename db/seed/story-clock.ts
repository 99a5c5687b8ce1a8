// The demo tells one story, written on fixed dates (AT's visit on 10 April 2025, the autumn-2024
// fall in wellbeing, the hiring freeze of July 2025, …) as seen on STORY_DAY. To make the demo live
// in any today, the generator builds the world as of the story day nearest today in whole weeks,
// then moves every date forward by that shift: weekdays and ISO weeks keep their places, nothing
// lies after today, and the same seed and today always give the same rows.
import { addDays, diffDays, monthStart } from "../../domain/calendar";

/**
 * The day the story is told on: AT's first deadline (15 October) is three weeks ahead, the second
 * (30 November) two months ahead, the plans' ongoing items fall due around it.
 */
export const STORY_DAY = "2025-09-22";

/** Days from the story's dates to the demo's: a whole number of weeks (0 when today is the story day). */
export function storyShift(today: string): number {
  return Math.round(diffDays(STORY_DAY, today) / 7) * 7;
}

export interface StoryClock {
  /** Days added to every story date. */
  shift: number;
  /** The demo's today. */
  today: string;
  /** The story day the world is built on: today minus the shift, within three days of STORY_DAY. */
  storyToday: string;
  /** A story date as a demo date. */
  day(storyDate: string): string;
  dayOrNull(storyDate: string | null): string | null;
  /** A story date moved, then put on the first of its month (roll-out waves start on the 1st). */
  monthOf(storyDate: string): string;
}

export function storyClock(today: string, shift = storyShift(today)): StoryClock {
  const day = (d: string) => addDays(d, shift);
  return {
    shift,
    today,
    storyToday: addDays(today, -shift),
    day,
    dayOrNull: (d) => (d === null ? null : day(d)),
    monthOf: (d) => monthStart(day(d)),
  };
}

const DK_SHORT = /\b(\d{2})\.(\d{2})\.(\d{2})\b/g;

/** Moves the Danish short dates (DD.MM.YY) inside a story text by the clock's shift. */
export function shiftDanishDates(text: string, clock: StoryClock): string {
  return text.replace(DK_SHORT, (_, d: string, m: string, y: string) => {
    const [yy, mm, dd] = clock.day(`20${y}-${m}-${d}`).split("-");
    return `${dd}.${mm}.${yy!.slice(2)}`;
  });
}
