import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { emulatorClientConfig, emulatorS3 } from '../../src/local/aws';
import { EmulatorHandle, startEmulator, stopEmulator } from '../../src/local/emulator';
import { EMULATOR_CREDENTIALS } from '../../src/local/emulator-provider';
import { StackRunner, staleStateLock } from '../../src/local/run';

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
].join('\n');

describe('a state lock no step of the run holds', () => {
  test('is recognised from terraform’s lock error, and nothing else is', () => {
    expect(staleStateLock(RESENT_LOCK_MESSAGE)).toBe('f827b204-9121-2253-a1ee-957eeeb59cd9');
    expect(staleStateLock('[org] Error: creating Security Group: api error InvalidGroup.Duplicate (ID: f827b204-9121-2253-a1ee-957eeeb59cd9)')).toBeUndefined();
    expect(staleStateLock('[org] Error: Error acquiring the state lock\n[org] Error message: connection refused')).toBeUndefined();
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

    test('apply releases it with force-unlock, says so, and completes; the lock is gone afterwards', async () => {
      const lines: string[] = [];
      const runner = new StackRunner((line) => lines.push(line), false);
      const dir = path.join(work, 'stack');
      await runner.init('probe', dir);
      const info = { ID: LOCK_ID, Operation: 'OperationTypeApply', Info: '', Who: 'runner@ci', Version: '1.11.4', Created: new Date().toISOString(), Path: `${BUCKET}/${KEY}` };
      await dynamodb.send(new PutItemCommand({ TableName: TABLE, Item: { LockID: { S: `${BUCKET}/${KEY}` }, Info: { S: JSON.stringify(info) } } }));

      await expect(runner.apply('probe', dir)).resolves.toMatch(/Resources: 0 added/);

      expect(lines.filter((l) => l.includes('force-unlock'))).toEqual([expect.stringContaining(`[probe] apply found the state locked by lock ${LOCK_ID}`)]);
      const lock = await dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: { LockID: { S: `${BUCKET}/${KEY}` } } }));
      expect(lock.Item).toBeUndefined();
      expect((await runner.outputs('probe', dir)).probe.value).toBe('applied');
    });
  });
});
