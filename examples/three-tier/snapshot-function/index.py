"""Takes a manual snapshot of one RDS instance.

The function's role allows only rds:CreateDBSnapshot and rds:DescribeDBInstances on that
instance and on snapshots named "<instance>-*", so the snapshot name must keep that prefix.
"""
import datetime
import json
import os

import boto3

RDS = boto3.client("rds")


def handler(event, context):
    instance = os.environ["DB_INSTANCE_IDENTIFIER"]
    state = RDS.describe_db_instances(DBInstanceIdentifier=instance)["DBInstances"][0]["DBInstanceStatus"]
    if state != "available":
        print(json.dumps({"skipped": instance, "status": state}))
        return {"skipped": instance, "status": state}
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
    snapshot = f"{instance}-{stamp}"
    RDS.create_db_snapshot(DBInstanceIdentifier=instance, DBSnapshotIdentifier=snapshot)
    print(json.dumps({"snapshot": snapshot}))
    return {"snapshot": snapshot}
