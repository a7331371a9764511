import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntitySubscriberInterface, InsertEvent, RemoveEvent, UpdateEvent } from 'typeorm';
import { Unit } from '../units/unit.entity';
import { ScopeStateMemo } from './widget.service';

/**
 * This instance's own writes are seen by its widget at once, not a revalidation window later:
 * every change to a unit (a data version bump, new widget settings, a new unit) and every
 * committed transaction (an ingested batch bumps versions inside one) ends the memo's window.
 * Writes of other instances are seen when the window ends.
 */
@Injectable()
export class LocalWritesWatcher implements EntitySubscriberInterface, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: ScopeStateMemo,
  ) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.includes(this)) this.dataSource.subscribers.push(this);
  }

  afterTransactionCommit(): void {
    this.scopes.invalidate();
  }

  afterInsert(event: InsertEvent<unknown>): void {
    this.unitWritten(event.metadata?.target);
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    this.unitWritten(event.metadata?.target);
  }

  afterRemove(event: RemoveEvent<unknown>): void {
    this.unitWritten(event.metadata?.target);
  }

  private unitWritten(target: unknown): void {
    if (target === Unit) this.scopes.invalidate();
  }
}
