/**
 * Refuses filters that contradict themselves, so that a list could only ever be empty: a range whose start is
 * after its end, one condition given twice with different values, a condition that excludes another. Such a filter
 * is almost surely a mistake that an empty list would hide, so, like the limits of argument-limits.ts, it is
 * BAD_USER_INPUT naming the argument (the message names both), found from the values alone before any Cypher runs.
 */
import { badUserInput } from '../errors.js';
import type { InputMaybe, ModelWhere, QueryDatasetsArgs } from '../generated/graphql.js';

type Given<T> = InputMaybe<T> | undefined;

/** A range's start is not after its end (a bound left out leaves the range open). */
function checkRangeOrder(fromArgument: string, from: Given<number>, toArgument: string, to: Given<number>): void {
  if (from != null && to != null && from > to) {
    throw badUserInput(fromArgument, `${fromArgument} must be at most ${toArgument}, got ${String(from)} and ${String(to)}`);
  }
}

/** Two arguments for one condition (an older one and its `where` twin) agree when both are given; ids in any case. */
function checkSameCondition(argument: string, value: Given<string>, twinArgument: string, twin: Given<string>): void {
  if (value != null && twin != null && value.toLowerCase() !== twin.toLowerCase()) {
    throw badUserInput(argument, `${argument} and ${twinArgument} are one condition and must agree when both are given, got "${value}" and "${twin}"`);
  }
}

/** A condition that asks for some links of a kind is not given with the condition that there are none of them. */
function checkNotExcluded(argument: string, given: boolean, noneArgument: string, none: Given<boolean>): void {
  if (given && none === false) {
    throw badUserInput(argument, `${argument} and ${noneArgument}: false exclude each other; give one of them`);
  }
}

/** A model filter's year range runs forwards, and a list of datasets is not given with "no such datasets". */
export function checkModelWhereAgrees(where: ModelWhere): void {
  checkRangeOrder('where.yearFrom', where.yearFrom, 'where.yearTo', where.yearTo);
  checkNotExcluded('where.trainedOnAny', where.trainedOnAny != null, 'where.hasTrainingData', where.hasTrainingData);
  checkNotExcluded('where.evaluatedOnAny', where.evaluatedOnAny != null, 'where.hasEvaluationData', where.hasEvaluationData);
}

/** `Query.datasets`: the older `task` and `modality` agree with their `where` twins, and training is not excluded. */
export function checkDatasetArgsAgree({ task, modality, where }: QueryDatasetsArgs): void {
  checkSameCondition('task', task, 'where.task', where?.task);
  checkSameCondition('modality', modality, 'where.modality', where?.modality);
  checkNotExcluded('where.trainedByDomain', where?.trainedByDomain != null, 'where.usedForTraining', where?.usedForTraining);
}
