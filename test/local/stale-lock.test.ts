import { CreateTableCommand, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { emulatorClientConfig, emulatorS3 } from '../../src/local/aws';
import { EmulatorHandle, startEmulator, stopEmulator } from '../../src/local/emulator';
import { EMULATOR_CREDENTIALS } from '../../src/local/emulator-provider';
import { StackRunner, ownResentLock } from '../../src/local/run';

const REGION = 'eu-central-1';
const BUCKET = 'stale-lock-state';
const TABLE = 'stale-lock-locks';
const KEY = 'probe.tfstate';
const LOCK_ID = '0b6f1c52-3f0e-4d7a-9d55-2a7b9e1f4c10';

/** The lock message terraform 1.11 printed when the backend's resent lock request found its own lock (from a CI run). */
const RESENT_LOCK_MESSAGE = [
  '[org] terraform apply -refresh-only -auto-approve -input=false -no-color -parallelism=4 failed (exit 1):',
  '[org] Error: Error acquiring the state lock',
  '[org] Error message: operation error DynamoDB: PutItem, https response error',
  '[org] StatusCode: 400, RequestID:',
  '[org] ConditionalCheckFailedException: The conditional request failed',
  '[org] Lock Info:',
  '[org]   ID:        f827b204-9121-2253-a1ee-957eeeb59cd9',
  '[org]   Path:      acme-tfstate-222222222222/acme/org.tfstate',
  '[org]   Operation: OperationTypeApply',
  '[org]   Who:       root@vm',
  '[org]   Version:   1.11.4',
  '[org]   Created:   2026-12-04 17:36:07.516818634 +0000 UTC',
].join('\n');
const STEP_STARTED = Date.parse('2026-12-04T17:36:05Z');
const THIS_MACHINE = `${os.userInfo().username}@${os.hostname()}`;

describe('a state lock the step itself took', () => {
  test('is recognised from terraform’s lock error: written on this machine at or after the step started', () => {
    expect(ownResentLock(RESENT_LOCK_MESSAGE, STEP_STARTED, 'root@vm')).toBe('f827b204-9121-2253-a1ee-957eeeb59cd9');
  });

  test('a lock of another machine or user, or one taken before the step started, is someone else’s', () => {
    expect(ownResentLock(RESENT_LOCK_MESSAGE, STEP_STARTED, 'ci@runner-7')).toBeUndefined();
    expect(ownResentLock(RESENT_LOCK_MESSAGE, Date.parse('2026-12-04T17:36:09Z'), 'root@vm')).toBeUndefined();
    expect(ownResentLock(RESENT_LOCK_MESSAGE.replace(/\[org\] {3}Created:[^\n]*/, ''), STEP_STARTED, 'root@vm')).toBeUndefined();
  });

  test('other failures are not lock failures', () => {
    expect(ownResentLock('[org] Error: creating Security Group: api error InvalidGroup.Duplicate (ID: f827b204-9121-2253-a1ee-957eeeb59cd9)', STEP_STARTED, 'root@vm')).toBeUndefined();
    expect(ownResentLock('[org] Error: Error acquiring the state lock\n[org] Error message: connection refused', STEP_STARTED, 'root@vm')).toBeUndefined();
  });

  describe('on the emulator', () => {
    let emulator: EmulatorHandle | undefined;
    let work: string;
    let dynamodb: DynamoDBClient;

    beforeAll(async () => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-stale-lock-'));
      emulator = await startEmulator(path.join(work, 'emulator.log'));
      const s3 = emulatorS3(emulator.endpoint, REGION);
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGION } }));
      s3.destroy();
      dynamodb = new DynamoDBClient(emulatorClientConfig(emulator.endpoint, REGION));
      await dynamodb.send(
        new CreateTableCommand({
          TableName: TABLE,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
        }),
      );
      const stack = path.join(work, 'stack');
      fs.mkdirSync(stack);
      const backend = {
        bucket: BUCKET,
        key: KEY,
        region: REGION,
        dynamodb_table: TABLE,
        access_key: EMULATOR_CREDENTIALS.accessKey,
        secret_key: EMULATOR_CREDENTIALS.secretKey,
        endpoints: { s3: emulator.endpoint, dynamodb: emulator.endpoint },
        use_path_style: true,
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
      };
      fs.writeFileSync(path.join(stack, 'main.tf.json'), JSON.stringify({ terraform: { backend: { s3: backend } }, output: { probe: { value: 'applied' } } }));
    });

    afterAll(async () => {
      dynamodb?.destroy();
      if (emulator) await stopEmulator(emulator.pid);
      fs.rmSync(work, { recursive: true, force: true });
    });

    /** Writes a DynamoDB lock on the probe state the way terraform writes one. */
    const lockState = async (who: string, created: Date): Promise<void> => {
      const info = { ID: LOCK_ID, Operation: 'OperationTypeApply', Info: '', Who: who, Version: '1.11.4', Created: created.toISOString(), Path: `${BUCKET}/${KEY}` };
      await dynamodb.send(new PutItemCommand({ TableName: TABLE, Item: { LockID: { S: `${BUCKET}/${KEY}` }, Info: { S: JSON.stringify(info) } } }));
    };
    const lockItem = async () => (await dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: { LockID: { S: `${BUCKET}/${KEY}` } } }))).Item;

    test('a lock of someone else stops the apply and stays', async () => {
      const lines: string[] = [];
      const runner = new StackRunner((line) => lines.push(line), false);
      const dir = path.join(work, 'stack');
      await runner.init('probe', dir);
      await lockState('someone@elsewhere', new Date(Date.now() + 60_000));
      await expect(runner.apply('probe', dir)).rejects.toThrow(/\[probe\] Error: Error acquiring the state lock/);
      expect(lines.filter((l) => l.includes('force-unlock'))).toEqual([]);
      expect(await lockItem()).toBeDefined();
      await dynamodb.send(new DeleteItemCommand({ TableName: TABLE, Key: { LockID: { S: `${BUCKET}/${KEY}` } } }));
    });

    test('its own lock (this machine, taken after the step started) is released with force-unlock, said, and the apply completes', async () => {
      const lines: string[] = [];
      const runner = new StackRunner((line) => lines.push(line), false);
      const dir = path.join(work, 'stack');
      await runner.init('probe', dir);
      // Stands for the lock the step's first PutItem stored: dated after the step starts.
      await lockState(THIS_MACHINE, new Date(Date.now() + 2000));

      await expect(runner.apply('probe', dir)).resolves.toMatch(/Resources: 0 added/);

      expect(lines.filter((l) => l.includes('force-unlock'))).toEqual([expect.stringContaining(`[probe] apply found the state locked by its own lock ${LOCK_ID}`)]);
      expect(await lockItem()).toBeUndefined();
      expect((await runner.outputs('probe', dir)).probe.value).toBe('applied');
    });
  });
});
